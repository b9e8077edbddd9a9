import Calibration
import RecData
import Testing

@Suite("Dataset statistics")
struct DatasetStatisticsTests {
    @Test("Hand-counted activity, popularity, feedback and span")
    func handCounted() {
        // Users 0, 1, 2 with 3, 1, 0 interactions; items 0…3 with 2, 1, 1, 0; two days apart.
        let day: Int64 = 86_400
        let start: Int64 = 1_500_000_000
        let log = [
            Interaction(user: UserID(index: 0), item: ItemID(index: 0), time: start, value: 5),
            Interaction(user: UserID(index: 0), item: ItemID(index: 1), time: start + day, value: 3),
            Interaction(user: UserID(index: 0), item: ItemID(index: 2), time: start + day, value: 4),
            Interaction(user: UserID(index: 1), item: ItemID(index: 0), time: start + 2 * day, value: 1),
        ]
        let dataset = Dataset(
            name: "hand", users: FeatureTable(rowCount: 3), items: FeatureTable(rowCount: 4), interactions: log,
            feedback: .rating(minimum: 1, maximum: 5))
        let statistics = DatasetStatistics(dataset, scale: .stars)
        #expect(statistics.activity == [3, 1, 0])
        #expect(statistics.popularity == [2, 1, 1, 0])
        #expect(statistics.activityMean == 4.0 / 3.0)
        #expect(statistics.activityMinimum == 0)
        #expect(statistics.days == 2)
        #expect(statistics.feedbackMean == 13.0 / 4.0)
        #expect(statistics.ratingShares == [0.25, 0, 0.25, 0.25, 0.25])
        #expect(statistics.featurePredictability == nil)
        // Gini of (0, 1, 3) sorted: 2·(1·0 + 2·1 + 3·3)/(3·4) − 4/3 = 22/12 − 16/12 = 0.5.
        #expect(abs(statistics.activityGini - 0.5) < 1e-12)
    }

    @Test("Row numbers as times give no span")
    func noClock() {
        let log = [Interaction(user: UserID(index: 0), item: ItemID(index: 0), time: 3, value: 1)]
        let dataset = Dataset(
            name: "rows", users: FeatureTable(rowCount: 1), items: FeatureTable(rowCount: 1), interactions: log,
            feedback: .implicit)
        #expect(DatasetStatistics(dataset, scale: .none).days == nil)
        #expect(DatasetStatistics(dataset, scale: .none, clockSeconds: true).days == 0)
    }
}
