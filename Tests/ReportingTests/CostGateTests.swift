import Testing

@testable import Reporting

@Suite("Regression gate: measured wall times")
struct CostGateTests {
    /// popularity's ndcg@10 and its measured and counted costs, without per-user values.
    private static func run(adaptMilliseconds: Double, fitSeconds: Double, modelBytes: Double) -> RegressionGate.Run {
        let rows = [
            ReportFixtures.row("popularity", shots: 5, metric: "ndcg@10", value: 0.25),
            ReportFixtures.row("popularity", shots: 5, metric: "adapt_ms_p50", value: adaptMilliseconds),
            ReportFixtures.row("popularity", shots: 5, metric: "fit_seconds", value: fitSeconds),
            ReportFixtures.row("popularity", shots: 5, metric: "model_bytes", value: modelBytes),
        ]
        return RegressionGate.Run(results: ResultSet(header: ReportFixtures.header, rows: rows), perUser: nil)
    }

    private let baseline = run(adaptMilliseconds: 1, fitSeconds: 2, modelBytes: 1_000)
    private let slower = run(adaptMilliseconds: 50, fitSeconds: 20, modelBytes: 1_000)

    private func verdicts(_ tolerances: ToleranceSet, candidate: RegressionGate.Run) throws -> [String: Verdict] {
        let report = try RegressionGate(tolerances: tolerances, pairedTest: { _ in 0.5 }).compare(
            baseline: baseline, candidate: candidate)
        return Dictionary(uniqueKeysWithValues: report.comparisons.map { ($0.key.metric, $0.verdict) })
    }

    @Test("By default latencies and fit time are not compared, however much slower; bytes are")
    func ignoredByDefault() throws {
        let verdicts = try verdicts(ToleranceSet(), candidate: slower)
        #expect(verdicts == ["ndcg@10": .unchanged, "model_bytes": .unchanged])
        let bigger = try self.verdicts(
            ToleranceSet(), candidate: Self.run(adaptMilliseconds: 1, fitSeconds: 2, modelBytes: 9_000))
        #expect(bigger["model_bytes"] == .regressed)
    }

    @Test("A latency the tolerance file names is gated: slower beyond it regresses, within it passes")
    func gatedWhenNamed() throws {
        let named = ToleranceSet(perMetric: ["adapt_ms_p50": Tolerance(absolute: 5, relative: 0)])
        let verdicts = try verdicts(named, candidate: slower)
        #expect(verdicts == ["ndcg@10": .unchanged, "model_bytes": .unchanged, "adapt_ms_p50": .regressed])
        let near = try self.verdicts(
            named, candidate: Self.run(adaptMilliseconds: 4, fitSeconds: 20, modelBytes: 1_000))
        #expect(near["adapt_ms_p50"] == .unchanged && near["fit_seconds"] == nil)
        #expect(named.gates("adapt_ms_p50") && !named.gates("adapt_ms_p95") && named.gates("ndcg@10"))
    }
}
