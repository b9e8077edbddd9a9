import RecData
import TestSupport
import Testing

@testable import Simulation

@Suite("E-commerce world")
struct EcommerceWorldBasicsTests {
    private static var config: EcommerceWorldConfig {
        var config = EcommerceWorldConfig()
        config.common.resize(users: 300, items: 200, interactionsPerUser: 20, minimumInteractions: 8)
        config.categories = 5
        return config
    }

    private static let world = EcommerceWorldGenerator(config: config).generate(seed: 11)

    @Test("Tables have the configured sizes and features")
    func structure() {
        let dataset = Self.world.dataset
        #expect(dataset.userCount == 300)
        #expect(dataset.itemCount == 200)
        #expect(dataset.users.schema.map(\.name) == ["age_band", "gender", "region", "device"])
        #expect(dataset.items.schema.map(\.name) == ["category", "subcategory", "brand", "price", "season"])
        #expect(dataset.items.schema[0] == FeatureField(name: "category", kind: .categorical(cardinality: 5)))
        #expect(dataset.items.schema[1].kind == .categorical(cardinality: 20))
        #expect(dataset.feedback == .rating(minimum: 1, maximum: 5))
        #expect(Self.world.oracle.userVectors.count == 300 * Self.config.latentDimension)
        if case let .numeric(prices)? = dataset.items.column(named: "price") {
            #expect(prices.allSatisfy { $0 > 0 })
        } else {
            Issue.record("price should be numeric")
        }
    }

    @Test("Every user logs at least the minimum, never the same item twice, with ratings 1–5")
    func histories() {
        for history in Self.world.dataset.historiesByUser() {
            #expect(history.count >= Self.config.minimumInteractions)
            #expect(Set(history.map(\.item)).count == history.count)
            #expect(history.allSatisfy { (1...5).contains($0.value) && $0.value == $0.value.rounded() })
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.time < $1.time })
        }
    }

    @Test("Dataset interactions are rated purchases; the other clicks are kept in the log")
    func logSplit() {
        let log = Self.world.log
        #expect(log.datasetDetails.count == Self.world.dataset.interactions.count)
        #expect(
            zip(log.datasetDetails, Self.world.dataset.interactions).allSatisfy {
                $0.purchased && $0.rating.map(Float.init) == $1.value && $0.inDataset
            })
        #expect(!log.otherChoices.isEmpty)
        #expect(log.otherDetails.allSatisfy { !$0.inDataset && ($0.rating == nil) })
        let clicked = Set(Self.world.dataset.interactions.map { [$0.user.rawValue, $0.item.rawValue] })
        #expect(log.otherChoices.allSatisfy { !clicked.contains([$0.user.rawValue, $0.item.rawValue]) })
    }

    @Test("Users choose items of higher true utility than the catalog average")
    func choiceFollowsUtility() {
        let oracle = Self.world.oracle
        var chosen = 0.0
        var catalog = 0.0
        for (user, history) in Self.world.dataset.historiesByUser().enumerated() {
            let id = UserID(index: user)
            chosen +=
                history.map { oracle.utility(user: id, item: $0.item, at: $0.time) }.reduce(0, +)
                / Double(history.count)
            catalog +=
                oracle.utilities(user: id, items: Self.world.dataset.allItems, at: history[0].time).reduce(0, +) / 200
        }
        #expect(chosen / 300 > catalog / 300 + 0.3)
    }

    @Test("Higher ratings go with higher true utility")
    func ratingsFollowUtility() {
        let oracle = Self.world.oracle
        var byRating = [Float: [Double]]()
        for interaction in Self.world.dataset.interactions {
            byRating[interaction.value, default: []].append(
                oracle.utility(user: interaction.user, item: interaction.item, at: interaction.time))
        }
        let means = byRating.keys.sorted().map { rating in
            byRating[rating].map { $0.reduce(0, +) / Double($0.count) } ?? 0
        }
        #expect(means.count >= 3)
        #expect(zip(means, means.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("Ratings are cut at the ordinal thresholds")
    func ratingThresholds() {
        #expect(EcommerceWorldGenerator.rating(for: -5) == 1)
        #expect(EcommerceWorldGenerator.rating(for: -0.5) == 2)
        #expect(EcommerceWorldGenerator.rating(for: 0) == 3)
        #expect(EcommerceWorldGenerator.rating(for: 0.3) == 4)
        #expect(EcommerceWorldGenerator.rating(for: 2) == 5)
    }

    @Test("The memory estimate grows with the world")
    func memoryEstimate() {
        var larger = Self.config
        larger.users *= 10
        #expect(larger.estimatedBytes > 5 * Self.config.estimatedBytes)
        #expect(WorldConfig.ecommerce(larger).estimatedBytes == larger.estimatedBytes)
    }
}

@Suite("Alias table")
struct AliasTableTests {
    @Test("Draw frequencies match the weights")
    func frequencies() {
        let weights = [1.0, 2.0, 3.0, 4.0, 0.0]
        let table = AliasTable(weights: weights)
        var random = RandomSource(seed: 4)
        var counts = Array(repeating: 0, count: weights.count)
        let draws = 100_000
        for _ in 0..<draws { counts[table.sample(using: &random)] += 1 }
        #expect(counts[4] == 0)
        var chiSquare = 0.0
        for index in 0..<4 {
            let expected = Double(draws) * weights[index] / 10
            chiSquare += (Double(counts[index]) - expected) * (Double(counts[index]) - expected) / expected
        }
        // 3 degrees of freedom: P(chi2 > 16.3) ≈ 0.001.
        #expect(chiSquare < 16.3)
    }
}
