import RecData
import Recommenders
import Testing

@testable import Evaluation

/// The cold-start query is cut once, after the largest K: every K is measured on the same
/// users, query items and candidates, so a model that ignores its support draws a flat curve.
@Suite("Cold start: a fixed query across K")
struct ColdStartFixedQueryTests {
    @Test(
        "The query is the history after the largest K at every K; supports come from the block before it and nest",
        arguments: [SupportOrder.chronological, .random])
    func fixedQuery(order: SupportOrder) {
        var config = SyntheticData.config()
        config.supportOrder = order
        let protocolRun = ColdStartProtocol(
            dataset: SyntheticData.dataset(), config: config, random: RandomSource(seed: 3))
        let histories = SyntheticData.dataset().historiesByUser()
        let largest = config.shots.max() ?? 0
        let byK = config.shots.map { protocolRun.tasks(shots: $0) }
        #expect(!protocolRun.evaluatedUsers.isEmpty)
        for (index, tasks) in byK.enumerated() {
            #expect(tasks.map(\.user) == protocolRun.evaluatedUsers)
            for (task, widest) in zip(tasks, byK.last ?? []) {
                let history = histories[task.user.index]
                #expect(task.query == Array(history.dropFirst(largest)))
                #expect(task.support.count == config.shots[index])
                #expect(Set(task.support).isSubset(of: Set(history.prefix(largest))))
                #expect(Set(task.support).isSubset(of: Set(widest.support)))
                #expect(task.servedAt == widest.servedAt)
            }
        }
        if order == .random {
            #expect(byK[1].contains { $0.support != Array(histories[$0.user.index].prefix($0.support.count)) })
        }
    }

    @Test("A model that ignores its support gives the same value for every user at every K")
    func flatCurve() throws {
        let protocolRun = ColdStartProtocol(
            dataset: SyntheticData.dataset(), config: SyntheticData.config(), random: RandomSource(seed: 3))
        let model = SpyRecommender(
            log: SpyLog(), score: { user, item in Float((user.index * 13 + item.index * 7) % 17) })
        let metrics: [Metric] = [.ndcg(k: 5), .hitRate(k: 5), .recall(k: 10)]
        let measurements = try protocolRun.run(model, metrics: metrics, random: RandomSource(seed: 4))
        for metric in metrics {
            let curve = measurements.filter { $0.metric == metric && $0.segment == UserSegments.all }
            #expect(curve.count == 3)
            let first = curve[0].perUser
            #expect(!first.isEmpty)
            for point in curve { #expect(point.perUser == first, "\(metric) at K=\(point.shots ?? -1)") }
        }
    }

    @Test("A sweep whose largest K leaves no user a query set is an error, not an empty result")
    func noUsers() {
        var config = SyntheticData.config()
        config.shots = [0, SyntheticData.perUser]
        let protocolRun = ColdStartProtocol(
            dataset: SyntheticData.dataset(), config: config, random: RandomSource(seed: 3))
        #expect(protocolRun.evaluatedUsers.isEmpty)
        #expect(throws: EvaluationError.self) {
            try protocolRun.run(SpyRecommender(log: SpyLog()), metrics: [.ndcg(k: 5)], random: RandomSource(seed: 4))
        }
    }
}
