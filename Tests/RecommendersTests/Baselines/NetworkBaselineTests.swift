import Learning
import RecData
import Testing

@testable import Recommenders

@Suite("Global and fine-tuned networks")
struct NetworkBaselineTests {
    private let training: TrainingSet = {
        let base = BaselineFixtures.randomRatings(users: 30, items: 12, perUser: 6, seed: 4)
        var users = FeatureTable(rowCount: 30)
        users.append("group", .categorical((0..<30).map { Int32($0 % 3) }, cardinality: 3))
        var items = FeatureTable(rowCount: 12)
        items.append("category", .categorical((0..<12).map { Int32($0 % 4) }, cardinality: 4))
        let dataset = Dataset(
            name: "net", users: users, items: items, interactions: base.dataset.interactions,
            feedback: base.dataset.feedback)
        return TrainingSet(dataset: dataset, users: base.users, histories: dataset.historiesByUser())
    }()

    private func fitted(steps: Int) throws -> NetworkBaseline {
        var settings = NetworkBaselineSettings()
        settings.embeddingDimension = 4
        settings.hiddenWidths = [8]
        settings.itemIDEmbedding = true
        settings.epochs = 3
        settings.batchUsers = 8
        settings.fineTuneSteps = steps
        settings.fineTuneLearningRate = 0.05
        var model = NetworkBaseline(name: steps == 0 ? "global-network" : "fine-tuned-network", settings: settings)
        var random = RandomSource(seed: 9)
        let validation = [
            UserTask(
                user: UserID(29), support: Array(training.histories[29].prefix(2)),
                query: Array(training.histories[29].dropFirst(2)))
        ]
        try model.fit(training, validation: validation, random: &random)
        return model
    }

    private let support = [(1, Float(5)), (6, Float(1)), (8, Float(4))].map {
        Interaction(user: UserID(3), item: ItemID(index: $0.0), time: 0, value: $0.1)
    }

    /// A registered network model with small settings, fitted.
    private func registered(_ descriptor: ModelDescriptor, _ extra: [String: ParameterValue] = [:]) throws
        -> any Recommender
    {
        var given: [String: ParameterValue] = [
            "embedding_dim": .int(4), "hidden_layers": .int(1), "hidden_width": .int(8),
            "item_id_embedding": .bool(true),
            "epochs": .int(3), "batch_users": .int(8),
        ]
        given.merge(extra) { $1 }
        var model = descriptor.make(descriptor.resolve(given), 1)
        var random = RandomSource(seed: 9)
        try model.fit(training, validation: validation, random: &random)
        return model
    }

    private var validation: [UserTask] {
        [
            UserTask(
                user: UserID(29), support: Array(training.histories[29].prefix(2)),
                query: Array(training.histories[29].dropFirst(2)))
        ]
    }

    @Test("The fine-tuned network with zero steps equals the global network exactly")
    func zeroStepsIsGlobal() throws {
        let items = BaselineFixtures.items(12)
        let global = try registered(ModelRegistry.globalNetwork)
        let zero = try registered(ModelRegistry.fineTunedNetwork, ["fine_tune_steps": .int(0)])
        let five = try registered(
            ModelRegistry.fineTunedNetwork, ["fine_tune_steps": .int(5), "fine_tune_lr": .double(0.05)])
        for support in [[], support] {
            let reference = try global.adapt(to: support, user: UserID(3))
            #expect(reference.scores(for: items) == (try zero.adapt(to: support, user: UserID(3))).scores(for: items))
            #expect(
                reference.predictedRatings(for: items)
                    == (try zero.adapt(to: support, user: UserID(3))).predictedRatings(for: items))
        }
        #expect(
            try global.adapt(to: support, user: UserID(3)).scores(for: items)
                != five.adapt(to: support, user: UserID(3)).scores(for: items))
    }

    @Test("Fine-tuning moves the predictions toward the support ratings")
    func fineTuningFitsSupport() throws {
        let global = try fitted(steps: 0).adaptedUser(to: support, user: UserID(3))
        let tuned = try fitted(steps: 5).adaptedUser(to: support, user: UserID(3))
        let items = support.map(\.item)
        let error = { (ratings: [Float]) in
            zip(ratings, self.support.map(\.value)).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        }
        #expect(error(tuned.scores(for: items)) < error(global.scores(for: items)))
        #expect(tuned.parameters != global.parameters)
    }

    @Test("The fine-tuned network adapts every scalar by default; the global network adapts none")
    func adaptedCount() throws {
        // Tables group 3 × 4, category 4 × 4, item id 12 × 4; input 12 wide; dense 12 → 8 → 1.
        let all = 3 * 4 + 4 * 4 + 12 * 4 + (12 * 8 + 8) + (8 + 1)
        #expect(try fitted(steps: 5).adaptedParameterCount == all)
        #expect(try fitted(steps: 0).adaptedParameterCount == nil)
        #expect(NetworkBaseline(name: "unfitted", settings: NetworkBaselineSettings()).adaptedParameterCount == nil)
        let grid = try registered(ModelRegistry.fineTunedNetwork, ["fine_tune_steps": .list([.int(0), .int(5)])])
        let chosen = try #require(grid as? GridSearch)
        let expected = chosen.chosen?.int("fine_tune_steps") == 0 ? nil : all
        #expect(chosen.adaptedParameterCount == expected)
    }
}
