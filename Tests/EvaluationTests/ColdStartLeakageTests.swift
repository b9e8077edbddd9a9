import Evaluation
import RecData
import Testing

/// The protocol never lets a test user's query data reach training: a spy recommender
/// records what `fit` and `adapt` see.
@Suite("Cold-start protocol: no leakage")
struct ColdStartLeakageTests {
    private let dataset = SyntheticData.dataset()

    private func runSpy(order: SupportOrder) throws -> (ColdStartProtocol, SpyLog) {
        var config = SyntheticData.config()
        config.supportOrder = order
        let protocolRun = ColdStartProtocol(dataset: dataset, config: config, random: RandomSource(seed: 11))
        let log = SpyLog()
        _ = try protocolRun.run(
            SpyRecommender(log: log), metrics: [.ndcg(k: 5), .coverage(k: 5), .mae], random: RandomSource(seed: 12))
        return (protocolRun, log)
    }

    @Test("fit sees only meta-train users; validation tasks only validation users")
    func training() throws {
        let (protocolRun, log) = try runSpy(order: .chronological)
        let train = Set(protocolRun.split.train)
        #expect(log.fitCalls == 1)
        #expect(Set(log.trainingUsers) == train)
        #expect(!log.trainingInteractions.isEmpty)
        #expect(log.trainingInteractions.allSatisfy { train.contains($0.user) })
        #expect(log.validationTasks.allSatisfy { protocolRun.split.validation.contains($0.user) })
        let test = Set(protocolRun.split.test)
        #expect(test.isDisjoint(with: train))
        #expect(log.trainingInteractions.allSatisfy { !test.contains($0.user) })
    }

    @Test(
        "adapt sees exactly the first K interactions of evaluated test users",
        arguments: [SupportOrder.chronological, .random])
    func adaptation(order: SupportOrder) throws {
        let (protocolRun, log) = try runSpy(order: order)
        let evaluated = Set(protocolRun.evaluatedUsers)
        #expect(!evaluated.isEmpty)
        #expect(evaluated.isSubset(of: Set(protocolRun.split.test)))
        #expect(log.adaptations.count == evaluated.count * 3)
        let histories = dataset.historiesByUser()
        for (user, support) in log.adaptations {
            #expect(evaluated.contains(user))
            #expect([0, 2, 4].contains(support.count))
            #expect(support.allSatisfy { $0.user == user })
            let task = protocolRun.tasks(shots: support.count).first { $0.user == user }
            #expect(task?.support == support)
            // The query is what follows the largest K; the support comes from the block before it.
            #expect(task?.query == Array(histories[user.index].dropFirst(4)))
            #expect(Set(support).isSubset(of: Set(histories[user.index].prefix(4))))
            #expect(Set(support).isDisjoint(with: Set(task?.query ?? [])))
            if order == .chronological {
                #expect(support == Array(histories[user.index].prefix(support.count)))
            }
        }
    }

    @Test("models rank the whole catalog except the items before the query, the same at every K")
    func candidates() throws {
        let (_, log) = try runSpy(order: .chronological)
        let histories = dataset.historiesByUser()
        for (user, _) in log.adaptations {
            let consumed = Set(histories[user.index].prefix(4).map(\.item))
            let expected = dataset.allItems.filter { !consumed.contains($0) }
            #expect(log.candidates[user]?.allSatisfy { $0 == expected } == true)
        }
    }
}
