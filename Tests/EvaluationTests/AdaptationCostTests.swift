import Evaluation
import Foundation
import RecData
import Recommenders
import Testing

/// A spy that takes known time to fit and to adapt, and counts its bytes.
private struct Slow: Recommender, SharedModelFootprint {
    var spy = SpyRecommender(log: SpyLog())
    var name: String { spy.name }
    var sharedModelBytes: Int? { 4_096 }

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        Thread.sleep(forTimeInterval: 0.05)
        try spy.fit(training, validation: validation, random: &random)
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        Thread.sleep(forTimeInterval: 0.002)
        return Held(inner: try spy.adapt(to: support, user: user), support: support.count)
    }

    struct Held: Personalized, UserStateFootprint {
        var inner: any Personalized
        let support: Int
        var userStateBytes: Int { 100 * support }
        func scores(for candidates: [ItemID]) -> [Float] { inner.scores(for: candidates) }
        func predictedRatings(for items: [ItemID]) -> [Float]? { nil }
        mutating func observe(_ feedback: [Interaction]) throws {}
    }
}

@Suite("Cold-start protocol: the cost of adapting")
struct AdaptationCostTests {
    private let dataset = SyntheticData.dataset()

    private func run(_ model: any Recommender, configure: (inout ColdStartConfig) -> Void = { _ in }) throws -> (
        ColdStartProtocol, [Evaluation.Measurement]
    ) {
        var config = SyntheticData.config()
        config.measuresCost = true
        configure(&config)
        let protocolRun = ColdStartProtocol(dataset: dataset, config: config, random: RandomSource(seed: 4))
        return (protocolRun, try protocolRun.run(model, metrics: [.ndcg(k: 5)], random: RandomSource(seed: 5)))
    }

    @Test(
        "every K gets the fit time, adaptation and scoring latency and the bytes, in the all segment, measuring what the model spent"
    )
    func rows() throws {
        let (protocolRun, rows) = try run(Slow())
        let users = protocolRun.evaluatedUsers.count
        for shots in SyntheticData.config().shots {
            var cost = [String: Evaluation.Measurement]()
            for row in rows where row.metric.family == .cost && row.shots == shots {
                cost[row.metric.description] = row
            }
            let names: Set<String> = [
                "fit_seconds", "adapt_ms_p50", "adapt_ms_p95", "score_ms_p50", "score_ms_p95", "user_state_bytes",
                "model_bytes",
            ]
            #expect(Set(cost.keys) == names)
            for row in cost.values {
                #expect(row.segment == "all" && row.perUser.isEmpty && row.n == users)
                #expect(row.ciLow == row.value && row.ciHigh == row.value)
            }
            let fit = try #require(cost["fit_seconds"]?.value)
            #expect(fit >= 0.05 && fit < 30, "fit took \(fit) s")
            let median = try #require(cost["adapt_ms_p50"]?.value)
            let tail = try #require(cost["adapt_ms_p95"]?.value)
            #expect(median >= 2 && median < 1_000 && tail >= median, "adaptation \(median) ms, p95 \(tail) ms")
            let scoring = try #require(cost["score_ms_p50"]?.value)
            #expect(scoring > 0 && scoring < median && (cost["score_ms_p95"]?.value ?? 0) >= scoring)
            #expect(cost["user_state_bytes"]?.value == Double(100 * shots))
            #expect(cost["model_bytes"]?.value == 4_096)
        }
        let fits = rows.filter { (row: Evaluation.Measurement) in row.metric == Metric.fitSeconds }.map { $0.value }
        #expect(Set(fits).count == 1, "one fit, the same figure at every K")
        #expect(
            !rows.contains { (row: Evaluation.Measurement) in
                row.segment == ColdStartProtocol.validationSegment && row.metric.family == MetricFamily.cost
            })
    }

    @Test(
        "a model that cannot count its bytes gets the timings alone; segments get no cost rows; without measuresCost, none"
    )
    func uncounted() throws {
        let (_, off) = try run(SpyRecommender(log: SpyLog())) { $0.measuresCost = false }
        #expect(!off.contains { $0.metric.family == .cost })
        let (_, rows) = try run(SpyRecommender(log: SpyLog())) { $0.segments = ["age_band"] }
        let cost = rows.filter { (row: Evaluation.Measurement) in row.metric.family == MetricFamily.cost }
        #expect(
            Set(cost.map { $0.metric.description }) == [
                "fit_seconds", "adapt_ms_p50", "adapt_ms_p95", "score_ms_p50", "score_ms_p95",
            ])
        #expect(cost.allSatisfy { $0.segment == "all" })
    }

    @Test("cost metrics parse, are costs (lower is better, not per user), and only the wall times are measured")
    func names() {
        let measured = ["fit_seconds", "adapt_ms_p50", "adapt_ms_p95", "score_ms_p50", "score_ms_p95"]
        for name in measured + ["user_state_bytes", "model_bytes"] {
            let metric = Metric(name)
            #expect(metric?.description == name)
            #expect(metric?.family == .cost && metric?.higherIsBetter == false && metric?.isPerUser == false)
            #expect(metric?.isMeasured == measured.contains(name))
            #expect(Metric.catalog.contains { $0.pattern == name })
        }
        #expect(Metric("adapt_ms_p90") == nil && Metric("score_ms") == nil)
        #expect(Metric("ndcg@10")?.isMeasured == false && Metric("adapted_parameters")?.isMeasured == false)
    }
}
