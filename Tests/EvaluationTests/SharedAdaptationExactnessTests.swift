import RecData
import Recommenders
import Testing

@testable import Evaluation

/// The network models' users serve both item kinds of MeLU's partitions from one
/// adaptation, and at K = 0 the users of one profile from one adaptation; every figure is
/// the one that adapting each user once per partition gives, to the last bit.
@Suite("Cold-start partitions: one adaptation per user equals one per partition")
struct SharedAdaptationExactnessTests {
    /// 60 users in three groups and 40 items in four categories, 12 interactions each over
    /// 240 time units; items 30–39 are chosen only from time 150 on, so at the cut-off
    /// (half the span) they are new: a quarter of the catalogue, scored on their own, while
    /// the existing items are scored through the catalogue's outputs.
    private static let world: Dataset = {
        var random = RandomSource(seed: 11)
        let users = 60
        let items = 40
        let groups = (0..<users).map { _ in Int32(random.nextIndex(below: 3)) }
        let categories = (0..<items).map { Int32($0 % 4) }
        var interactions = [Interaction]()
        for user in 0..<users {
            var own = random.stream(UInt64(user))
            for step in 0..<12 {
                let time = Int64(step * 20 + user % 20)
                let item = time >= 150 && step % 2 == 0 ? 30 + own.nextIndex(below: 10) : own.nextIndex(below: 30)
                let taste = (Int(groups[user]) + Int(categories[item])) % 4
                interactions.append(
                    Interaction(
                        user: UserID(index: user), item: ItemID(index: item), time: time,
                        value: Float(min(5, 2 + taste + own.nextIndex(below: 2)))))
            }
        }
        var userTable = FeatureTable(rowCount: users)
        userTable.append("group", .categorical(groups, cardinality: 3))
        var itemTable = FeatureTable(rowCount: items)
        itemTable.append("category", .categorical(categories, cardinality: 4))
        itemTable.append("price", .numeric((0..<items).map { Float($0 % 9) / 9 }))
        return Dataset(
            name: "arrivals", users: userTable, items: itemTable,
            interactions: interactions.sorted { $0.time < $1.time },
            feedback: .rating(minimum: 1, maximum: 5))
    }()

    /// `model` with users that are not ``ReusablePersonalized`` and no profiles
    /// (``EmptySupportProfiles``): every user is adapted once per partition and K. Its
    /// footprints are the model's.
    private struct SeparatelyAdapted: Recommender, AdaptationFootprint, SharedModelFootprint {
        var model: any Recommender
        var name: String { model.name }
        var adaptedParameterCount: Int? { (model as? any AdaptationFootprint)?.adaptedParameterCount }
        var sharedModelBytes: Int? { (model as? any SharedModelFootprint)?.sharedModelBytes }

        mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
            try model.fit(training, validation: validation, random: &random)
        }

        func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
            Opaque(user: try model.adapt(to: support, user: user))
        }
    }

    private struct Opaque: Personalized, UserStateFootprint {
        var user: any Personalized
        var userStateBytes: Int { (user as? any UserStateFootprint)?.userStateBytes ?? 0 }
        func scores(for candidates: [ItemID]) -> [Float] { user.scores(for: candidates) }
        func predictedRatings(for items: [ItemID]) -> [Float]? { user.predictedRatings(for: items) }
        mutating func observe(_ feedback: [Interaction]) throws { try user.observe(feedback) }
    }

    /// The model `name` (`bayesian-head/thompson`: exploring by Thompson sampling), small.
    private static func model(_ name: String) throws -> any Recommender {
        let parts = name.split(separator: "/").map(String.init)
        let descriptor = try #require(ModelRegistry.builtIn.descriptor(named: parts[0]))
        var parameters: [String: ParameterValue] = [
            "embedding_dim": .int(4), "hidden_width": .int(8), "epochs": .int(2), "meta_batch": .int(8),
            "support_size": .int(4), "query_size": .int(4),
        ]
        if parts.count > 1 { parameters["exploration"] = .string(parts[1]) }
        return descriptor.make(descriptor.resolve(parameters), 1)
    }

    @Test(
        "every partition's figures are those of separate adaptations",
        arguments: [
            "maml", "melu", "adapter", "bayesian-head", "bayesian-head/thompson", "fine-tuned-network",
            "meta-two-tower",
        ])
    func sameFigures(name: String) throws {
        let config = SharedAdaptationTests.partitioned(
            shots: [0, 1, 3], split: SplitFractions(train: 0.6, validation: 0.1, test: 0.3))
        let protocolRun = ColdStartProtocol(dataset: Self.world, config: config, random: RandomSource(seed: 1))
        let split = try #require(protocolRun.partitions)
        let existing = Set(split.evaluatedUsers[.warmState] ?? []).intersection(split.evaluatedUsers[.itemCold] ?? [])
        let new = Set(split.evaluatedUsers[.userCold] ?? []).intersection(split.evaluatedUsers[.userItemCold] ?? [])
        #expect(!existing.isEmpty && !new.isEmpty)
        #expect(2 * split.newItems.count < Self.world.itemCount)

        let metrics: [Metric] = [.ndcg(k: 5), .hitRate(k: 5), .mae, .rmse]
        let shared = try protocolRun.run(Self.model(name), metrics: metrics, random: RandomSource(seed: 2))
        let separate = try protocolRun.run(
            SeparatelyAdapted(model: Self.model(name)), metrics: metrics, random: RandomSource(seed: 2))
        let figures = { (rows: [Evaluation.Measurement]) in rows.filter { !$0.metric.isMeasured } }
        #expect(figures(shared).count == figures(separate).count)
        let differing = zip(figures(shared), figures(separate)).first { $0 != $1 }
        #expect(
            differing == nil,
            "first differing row: \(differing.map { "\($0.0.protocolName) K=\($0.0.shots ?? -1) \($0.0.metric)" } ?? "")"
        )
        #expect(shared.contains { $0.metric == .mae && $0.protocolName == Partition.itemCold.protocolName })
    }
}
