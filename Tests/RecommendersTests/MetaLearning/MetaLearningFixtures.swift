import Learning
import RecData

@testable import Recommenders

/// A tiny world with known structure: each user's rating of an item is
/// `3 + taste[group][category]` plus a personal offset on one category, so features
/// explain most of a rating and a few shots explain the rest.
enum MetaLearningFixtures {
    static let users = 80
    static let items = 24

    static func dataset(implicit: Bool = false) -> Dataset {
        var random = RandomSource(seed: 7)
        let groups = (0..<users).map { _ in Int32(random.nextIndex(below: 3)) }
        let categories = (0..<items).map { Int32($0 % 4) }
        let taste: [[Float]] = [[1.5, -1, 0, 0.5], [-1, 1.5, 0.5, 0], [0, 0.5, -1, 1.5]]
        var interactions = [Interaction]()
        for user in 0..<users {
            var own = random.stream(UInt64(user))
            let favourite = own.nextIndex(below: 4)
            var chosen = Array(0..<items)
            own.shuffle(&chosen)
            for (time, item) in chosen.prefix(14).enumerated() {
                let category = Int(categories[item])
                let personal: Float = category == favourite ? 1 : 0
                let rating = min(5, max(1, (3 + taste[Int(groups[user])][category] + personal).rounded()))
                interactions.append(
                    Interaction(
                        user: UserID(index: user), item: ItemID(index: item), time: Int64(time),
                        value: implicit ? 1 : rating))
            }
        }
        var userTable = FeatureTable(rowCount: users)
        userTable.append("group", .categorical(groups, cardinality: 3))
        var itemTable = FeatureTable(rowCount: items)
        itemTable.append("category", .categorical(categories, cardinality: 4))
        itemTable.append("price", .numeric((0..<items).map { Float($0) / Float(items) }))
        return Dataset(
            name: "tiny", users: userTable, items: itemTable, interactions: interactions,
            feedback: implicit ? .implicit : .rating(minimum: 1, maximum: 5)
        )
    }

    /// Users 0..<60 train, 60..<70 validate, 70..<80 test.
    static func split(_ dataset: Dataset) -> (training: TrainingSet, validation: [UserTask], test: [UserTask]) {
        let histories = dataset.historiesByUser()
        let train = (0..<60).map(UserID.init(index:))
        func task(_ user: Int) -> UserTask {
            UserTask(
                user: UserID(index: user), support: Array(histories[user].prefix(5)),
                query: Array(histories[user].dropFirst(5)))
        }
        return (
            TrainingSet(dataset: dataset, users: train, histories: train.map { histories[$0.index] }),
            (60..<70).map(task), (70..<80).map(task)
        )
    }

    /// Small, fast settings for the tests.
    static func parameters(_ extra: [String: ParameterValue] = [:]) -> [String: ParameterValue] {
        var values: [String: ParameterValue] = [
            "embedding_dim": .int(4), "hidden_width": .int(8), "epochs": .int(3), "meta_batch": .int(10),
            "support_size": .int(6), "query_size": .int(4),
        ]
        values.merge(extra) { $1 }
        return values
    }

    static func model(_ name: String, _ extra: [String: ParameterValue] = [:]) -> MetaLearner {
        let descriptor = ModelRegistry.builtIn.descriptor(named: name)!
        return descriptor.make(descriptor.resolve(parameters(extra)), 1) as! MetaLearner
    }
}
