import RecData
import Testing

@testable import Recommenders

@Suite("Random and Popularity")
struct BaselineRecommenderTests {
    private static func training() -> TrainingSet {
        let log: [(Int, Int, Float)] = [(0, 0, 5), (0, 1, 3), (1, 1, 4), (1, 2, 2), (2, 1, 1)]
        let interactions = log.enumerated().map {
            Interaction(
                user: UserID(index: $0.element.0), item: ItemID(index: $0.element.1), time: Int64($0.offset),
                value: $0.element.2)
        }
        let dataset = Dataset(
            name: "toy", users: FeatureTable(rowCount: 3), items: FeatureTable(rowCount: 4),
            interactions: interactions, feedback: .rating(minimum: 1, maximum: 5)
        )
        let histories = dataset.historiesByUser()
        return TrainingSet(dataset: dataset, users: (0..<3).map(UserID.init(index:)), histories: histories)
    }

    @Test("Popularity scores are interaction counts")
    func popularityCounts() throws {
        var model = PopularityRecommender(ratingDamping: 0)
        var random = RandomSource(seed: 1)
        try model.fit(Self.training(), validation: [], random: &random)
        let personalized = try model.adapt(to: [], user: UserID(0))
        #expect(personalized.scores(for: [ItemID(0), ItemID(1), ItemID(2), ItemID(3)]) == [1, 3, 1, 0])
    }

    @Test("Popularity predicts the damped item mean")
    func popularityRatings() throws {
        var model = PopularityRecommender(ratingDamping: 1)
        var random = RandomSource(seed: 1)
        try model.fit(Self.training(), validation: [], random: &random)
        let ratings = try #require(
            try model.adapt(to: [], user: UserID(0)).predictedRatings(for: [ItemID(1), ItemID(3)]))
        // Global mean 15 / 5 = 3; item 1: (3 + 4 + 1 + 1·3) / (3 + 1) = 2.75; item 3 unseen: 3.
        #expect(abs(ratings[0] - 2.75) < 1e-6)
        #expect(abs(ratings[1] - 3) < 1e-6)
    }

    @Test("Random scores are reproducible per user and differ between users")
    func randomReproducible() throws {
        var model = RandomRecommender(seed: 7)
        var random = RandomSource(seed: 1)
        try model.fit(Self.training(), validation: [], random: &random)
        let items = (0..<4).map(ItemID.init(index:))
        let first = try model.adapt(to: [], user: UserID(0)).scores(for: items)
        let again = try model.adapt(to: [], user: UserID(0)).scores(for: items.reversed())
        let other = try model.adapt(to: [], user: UserID(1)).scores(for: items)
        #expect(first == Array(again.reversed()))
        #expect(first != other)
        #expect(first.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test("Random ratings lie on the dataset's scale")
    func randomRatingsOnScale() throws {
        var model = RandomRecommender(seed: 7)
        var random = RandomSource(seed: 1)
        try model.fit(Self.training(), validation: [], random: &random)
        let ratings = try #require(
            try model.adapt(to: [], user: UserID(2)).predictedRatings(for: (0..<4).map(ItemID.init(index:))))
        #expect(ratings.allSatisfy { (1...5).contains($0) })
    }

    @Test("The registry builds models by name with defaults filled in")
    func registry() {
        let registry = ModelRegistry.builtIn
        #expect(registry.names.starts(with: ["random", "popularity"]))
        let popularity = try? #require(registry.descriptor(named: "popularity"))
        #expect(popularity?.resolve([:]).double("rating_damping") == 5)
        #expect(popularity?.resolve(["rating_damping": .int(2)]).double("rating_damping") == 2)
        #expect(registry.descriptor(named: "nope") == nil)
    }
}
