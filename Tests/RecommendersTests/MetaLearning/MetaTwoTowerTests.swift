import Learning
import RecData
import Testing

@testable import Recommenders

/// The meta-learned two-tower model on the tiny world: only the user state adapts, the
/// cached catalogue scores equal the towers', observing keeps adapting, results do not
/// depend on the thread count, and a catalogue without item inputs is refused.
@Suite("Meta-learned two-tower model")
struct MetaTwoTowerTests {
    private func fitted(_ extra: [String: ParameterValue] = [:], dataset: Dataset = MetaLearningFixtures.dataset())
        throws -> (TwoTowerLearner, Dataset, [UserTask])
    {
        let (training, validation, test) = MetaLearningFixtures.split(dataset)
        let descriptor = try #require(ModelRegistry.builtIn.descriptor(named: "meta-two-tower"))
        var model = try #require(
            descriptor.make(
                descriptor.resolve(MetaLearningFixtures.parameters(["user_dim": .int(4)].merging(extra) { $1 })), 1)
                as? TwoTowerLearner)
        var random = RandomSource(seed: 5)
        try model.fit(training, validation: validation, random: &random)
        return (model, dataset, test)
    }

    @Test(
        "Adapting moves the user's scores from the zero-shot ones; the footprint is the user vector and bias",
        arguments: ["bpr", "bce", "mse", "softmax", "joint"])
    func adapts(objective: String) throws {
        let (model, dataset, test) = try fitted(["objective": .string(objective)])
        let task = test[0]
        let cold = try model.adapt(to: [], user: task.user).scores(for: dataset.allItems)
        let warm = try model.adapt(to: task.support, user: task.user).scores(for: dataset.allItems)
        #expect(cold.allSatisfy(\.isFinite) && warm.allSatisfy(\.isFinite))
        #expect(zip(cold, warm).contains { abs($0 - $1) > 1e-4 })
        let outputs = objective == "joint" ? 2 : 1
        #expect(model.adaptedParameterCount == 5 * outputs)
        let ratings = try model.adapt(to: task.support, user: task.user).predictedRatings(for: dataset.allItems)
        #expect((ratings != nil) == (objective == "mse" || objective == "joint"))
        #expect(model.objectivesUsed?.objective.rawValue == objective)
    }

    @Test(
        "The user tower has one hidden layer of hidden_width by default and none with user_hidden_layers: 0; patience is 10"
    )
    func userTower() throws {
        let (deep, _, _) = try fitted()
        #expect(deep.trained?.network.userTower?.hiddenWidths == [8])
        let (linear, _, _) = try fitted(["user_hidden_layers": .int(0)])
        #expect(linear.trained?.network.userTower?.hiddenWidths == [])
        #expect((deep.parameterCount ?? 0) > (linear.parameterCount ?? 0))
        #expect(MetaTwoTower.model(ModelParameters([:])).settings.patience == 10)
    }

    @Test("A few candidates score as the whole catalogue does at those items, and equal the towers' own product")
    func cachedScores() throws {
        let (model, dataset, test) = try fitted()
        let trained = try #require(model.trained)
        let user = try model.adaptedUser(to: test[1].support, user: test[1].user)
        let all = user.scores(for: dataset.allItems)
        let few = [ItemID(index: 5), ItemID(index: 2), ItemID(index: 17)]
        let subset = user.scores(for: few)
        for (position, item) in few.enumerated() { #expect(abs(subset[position] - all[item.index]) < 1e-5) }
        let batch = trained.factory.encoder.itemInputs(trained.factory.encoder.batch(user: test[1].user, items: few))
        let width = trained.network.outputWidth
        let direct = trained.network.scores(
            trained.network.items(batch, parameters: trained.parameters), state: user.state
        ).storage
        #expect(direct.count == few.count * width)
        for (position, score) in subset.enumerated() {
            #expect(abs(direct[position * width + width - 1] - score) < 1e-5)
        }
    }

    @Test("It shares its parameters and the cached catalogue; a user holds its state and support")
    func footprint() throws {
        let (model, dataset, test) = try fitted(["objective": .string("bpr")])
        let trained = try #require(model.trained)
        #expect(
            model.sharedModelBytes == 4
                * (trained.parameters.scalarCount + dataset.itemCount * (4 + 1) + dataset.itemCount))
        let user = try model.adaptedUser(to: test[0].support, user: test[0].user)
        #expect(user.userStateBytes == 4 * 5 + test[0].support.count * MemoryLayout<Interaction>.stride)
    }

    @Test("Observing feedback adapts the state further; the learned rates stay non-negative")
    func observes() throws {
        let (model, _, test) = try fitted()
        let task = test[2]
        var user = try model.adaptedUser(to: Array(task.support.prefix(2)), user: task.user)
        let before = user.state
        try user.observe(Array(task.query.prefix(3)))
        #expect(user.state != before)
        #expect(try #require(model.innerRates).storage.allSatisfy { $0 >= 0 })
    }

    @Test("First-order and fixed-rate training run; fixed rates stay at inner_lr")
    func options() throws {
        let (fixed, _, _) = try fitted(["learn_rates": .bool(false), "inner_lr": .double(0.3), "inner_steps": .int(2)])
        #expect(fixed.innerRates?.rows == 2 && fixed.innerRates?.storage.allSatisfy { $0 == 0.3 } == true)
        let (firstOrder, dataset, test) = try fitted(["first_order": .bool(true)])
        #expect(
            try firstOrder.adapt(to: test[0].support, user: test[0].user).scores(for: dataset.allItems).allSatisfy(
                \.isFinite))
    }

    @Test("Results do not depend on the thread count")
    func threads() throws {
        let (one, dataset, test) = try fitted(["threads": .int(1)])
        let (two, _, _) = try fitted(["threads": .int(2)])
        #expect(
            try one.adapt(to: test[3].support, user: test[3].user).scores(for: dataset.allItems)
                == two.adapt(to: test[3].support, user: test[3].user).scores(for: dataset.allItems))
    }

    @Test("Items without features and without id embeddings are refused with a clear error")
    func noItemInputs() throws {
        let tiny = MetaLearningFixtures.dataset(implicit: true)
        let bare = Dataset(
            name: "bare", users: tiny.users, items: FeatureTable(rowCount: tiny.itemCount),
            interactions: tiny.interactions, feedback: .implicit)
        #expect(throws: MetaLearningError.noItemInputs(model: "meta-two-tower")) {
            try fitted(["item_id_embedding": .bool(false)], dataset: bare)
        }
        #expect(try fitted(dataset: bare).0.trained != nil)
    }
}
