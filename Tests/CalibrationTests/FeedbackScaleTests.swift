import Calibration
import RecData
import Testing

@Suite("Feedback scale")
struct FeedbackScaleTests {
    private func dataset(_ values: [Float], feedback: Feedback) -> Dataset {
        let log = values.enumerated().map {
            Interaction(
                user: UserID(index: 0), item: ItemID(index: $0.offset), time: Int64($0.offset), value: $0.element)
        }
        return Dataset(
            name: "scale", users: FeatureTable(rowCount: 1), items: FeatureTable(rowCount: values.count),
            interactions: log, feedback: feedback)
    }

    @Test("Ratings map onto whole stars and onto fractions linearly")
    func mapping() {
        let halfStars = dataset([0.5, 2.75, 3.9, 5], feedback: .rating(minimum: 0.5, maximum: 5))
        // 1 + 4·(r − 0.5)/4.5: 0.5 → 1, 2.75 → 3, 3.9 → 4.02 → 4, 5 → 5.
        #expect(FeedbackScale.stars.values(of: halfStars) == [1, 3, 4, 5])
        let fractions = FeedbackScale.fraction.values(
            of: dataset([1, 2, 5], feedback: .rating(minimum: 1, maximum: 5)))
        #expect(fractions == [0, 0.25, 1])
        #expect(FeedbackScale.none.values(of: halfStars).isEmpty)
    }

    @Test("The scale follows the family and the feedback")
    func choice() {
        #expect(FeedbackScale(family: .ecommerce, feedback: .rating(minimum: 1, maximum: 5)) == .stars)
        #expect(FeedbackScale(family: .video, feedback: .rating(minimum: 1, maximum: 5)) == .fraction)
        #expect(FeedbackScale(family: .news, feedback: .rating(minimum: 1, maximum: 5)) == FeedbackScale.none)
        #expect(FeedbackScale(family: .ecommerce, feedback: .implicit) == FeedbackScale.none)
    }
}
