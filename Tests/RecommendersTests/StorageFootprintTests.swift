import Learning
import RecData
import Testing

@testable import Recommenders

/// The bytes models count for the cost of adapting, against what they are known to hold.
@Suite("Storage footprint")
struct StorageFootprintTests {
    @Test("Popularity shares two floats per item and keeps nothing per user; random keeps nothing")
    func popularity() throws {
        let training = BaselineFixtures.training(baskets: [[0, 1], [1, 2], [3]], items: 7)
        var model = PopularityRecommender()
        #expect(model.sharedModelBytes == nil, "nothing before fitting")
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: [], random: &random)
        #expect(model.sharedModelBytes == 2 * 7 * 4)
        #expect((try model.adapt(to: [], user: UserID(0)) as? any UserStateFootprint)?.userStateBytes == 0)
        #expect(RandomRecommender(seed: 1).sharedModelBytes == 0)
    }

    @Test(
        "ALS shares its item factors, biases, Gram matrix and mean user; a folded-in user holds its support, vector and catalog scores"
    )
    func factors() throws {
        let training = BaselineFixtures.training(baskets: [[0, 1, 2], [1, 2, 3], [3, 4, 5], [0, 5]], items: 6)
        var model = ALS(feedback: .implicit, factors: 3, lambda: 0.5, alpha: 5, iterations: 2)
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: [], random: &random)
        #expect(model.sharedModelBytes == 6 * 3 * 4 + 6 * 4 + 3 * 3 * 8 + 3 * 4)
        let support = BaselineFixtures.support([0, 1])
        let user = try #require(try model.adapt(to: support, user: UserID(0)) as? any UserStateFootprint)
        #expect(user.userStateBytes == 2 * MemoryLayout<Interaction>.stride + 3 * 4 + 6 * 4)
    }

    @Test(
        "A meta-learner shares its parameters (and Meta-SGD its rates); an adapted user holds its adapted scalars and support"
    )
    func metaLearners() throws {
        let dataset = MetaLearningFixtures.dataset()
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        for (name, parameters) in [("maml", ["adapt": ParameterValue.string("head")]), ("meta-sgd", [:])] {
            var model = MetaLearningFixtures.model(name, parameters)
            var random = RandomSource(seed: 5)
            try model.fit(training, validation: validation, random: &random)
            let trained = try #require(model.trained)
            let outer = trained.rule.outerParameters?.scalarCount ?? 0
            #expect(model.sharedModelBytes == 4 * (trained.parameters.scalarCount + outer))
            #expect((name == "meta-sgd") == (outer > 0))
            let task = test[0]
            let user = try model.adaptedUser(to: task.support, user: task.user)
            let adapted = try #require(model.adaptedParameterCount)
            #expect(name != "maml" || adapted < trained.parameters.scalarCount, "head-only adapts a part")
            #expect(user.userStateBytes == 4 * adapted + task.support.count * MemoryLayout<Interaction>.stride)
        }
    }
}
