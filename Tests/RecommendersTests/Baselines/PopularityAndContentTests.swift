import RecData
import Testing

@testable import Recommenders

@Suite("Recency-weighted popularity and content-based")
struct PopularityAndContentTests {
    @Test("Recent interactions outweigh old ones by the half-life")
    func recency() throws {
        // Item 0 is taken at times 0, 1, 2; item 1 at times 9 and 10 (the latest). Span 10.
        let log: [(Int, Int64)] = [(0, 0), (0, 1), (0, 2), (1, 9), (1, 10)]
        let interactions = log.enumerated().map {
            Interaction(user: UserID(index: $0.offset), item: ItemID(index: $0.element.0), time: $0.element.1, value: 1)
        }
        let dataset = Dataset(
            name: "t", users: FeatureTable(rowCount: 5), items: FeatureTable(rowCount: 2), interactions: interactions,
            feedback: .implicit)
        let training = TrainingSet(
            dataset: dataset, users: (0..<5).map(UserID.init(index:)), histories: dataset.historiesByUser())
        var random = RandomSource(seed: 1)
        var plain = PopularityRecommender()
        try plain.fit(training, validation: [], random: &random)
        #expect(try plain.adapt(to: [], user: UserID(0)).scores(for: [ItemID(0), ItemID(1)]) == [3, 2])
        var recent = PopularityRecommender(halfLifeShare: 0.1)
        try recent.fit(training, validation: [], random: &random)
        let scores = try recent.adapt(to: [], user: UserID(0)).scores(for: [ItemID(0), ItemID(1)])
        // Half-life 1: item 1 weighs 2⁻¹ + 1, item 0 weighs 2⁻¹⁰ + 2⁻⁹ + 2⁻⁸.
        #expect(abs(scores[1] - 1.5) < 1e-6)
        #expect(abs(scores[0] - (0.0009765625 + 0.001953125 + 0.00390625)) < 1e-6)
    }

    private func contentModel(feedback: Feedback) throws -> ContentBased {
        var items = FeatureTable(rowCount: 6)
        items.append("category", .categorical([0, 0, 1, 1, 2, 2], cardinality: 3))
        items.append("embedding", .dense([1, 0, 1, 0.1, 0, 1, 0, 1, 1, 1, 1, 1.2], dimension: 2))
        let training = BaselineFixtures.training(
            baskets: [[0, 2, 4, 5], [5, 4], [5]], items: 6, feedback: feedback, itemFeatures: items
        ) { _, _ in 3 }
        var model = ContentBased(tieBreak: 0.01)
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: [], random: &random)
        return model
    }

    @Test("Items like the support items rank first; a disliked item pushes its kind down")
    func similarity() throws {
        let model = try contentModel(feedback: .rating(minimum: 1, maximum: 5))
        let liked = try model.adapt(to: BaselineFixtures.support([2], value: 5), user: UserID(9)).scores(
            for: BaselineFixtures.items(6))
        #expect(liked.indices.filter { $0 != 2 }.max { liked[$0] < liked[$1] } == 3)
        let disliked = try model.adapt(to: BaselineFixtures.support([2], value: 1), user: UserID(9)).scores(
            for: BaselineFixtures.items(6))
        #expect(disliked[3] < disliked[0] && disliked[3] < disliked[4])
    }

    @Test("With no support the ranking is popularity")
    func emptySupport() throws {
        let scores = try contentModel(feedback: .implicit).adapt(to: [], user: UserID(9)).scores(
            for: BaselineFixtures.items(6))
        #expect(scores[5] > scores[4] && scores[4] > scores[0] && scores[1] == 0)
    }
}
