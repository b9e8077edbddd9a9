import Foundation
import Testing

/// MeLU's partitions and archetype segments, run from a scenario file through to
/// results.json, report.md and a comparison with itself.
@Suite("metarec run: partitions and archetype segments")
struct PartitionRunTests {
    private struct Results: Decodable {
        struct Row: Decodable {
            let `protocol`: String
            let model: String
            let segment: String
            let shots: Int?
            let metric: String
            let value: Double
            let n: Int
        }
        let rows: [Row]
    }

    private static let scenario = """
        name: partitioned
        family: ecommerce
        seeds: [1]
        world:
          users: 300
          items: 150
          days: 40
          interactions_per_user: 25
          min_interactions_per_user: 15
          drift: [{kind: churn, arrivals: 0.5, expirations: 0}]
        protocols:
          cold_start:
            shots: [0, 3]
            min_query: 3
            bootstrap_resamples: 50
            segments: [archetype]
            partitions: {cutoff: 0.6}
        models: [random, popularity]
        metrics: [ndcg@10, hr@10]
        """

    @Test("every partition appears in results.json, report.md and a self-comparison")
    func run() throws {
        let out = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = out.appendingPathComponent("partitioned.yaml")
        try Data(Self.scenario.utf8).write(to: file)
        let outcome = try MetarecProcess.run([
            "run", file.path, "--out", out.appendingPathComponent("run").path, "--quiet", "--no-cache",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let resultsFile = out.appendingPathComponent("run/results.json")
        let results = try JSONDecoder().decode(Results.self, from: Data(contentsOf: resultsFile))
        let partitions = [
            "cold-start/warm-state", "cold-start/user-cold", "cold-start/item-cold", "cold-start/user-item-cold",
        ]
        #expect(Set(results.rows.map(\.protocol)) == Set(["cold-start"] + partitions))
        for name in partitions {
            let rows = results.rows.filter { $0.protocol == name && $0.segment == "all" }
            #expect(Set(rows.map(\.model)) == ["random", "popularity"], "\(name)")
            #expect(Set(rows.compactMap(\.shots)) == [0, 3], "\(name)")
            // Every accuracy metric is a share in [0, 1] but regret, which is in utility units;
            // the cost figures (seconds, milliseconds, bytes, scalars) are non-negative.
            let costMetrics: Set = [
                "fit_seconds", "adapt_ms_p50", "adapt_ms_p95", "score_ms_p50", "score_ms_p95", "user_state_bytes",
                "model_bytes", "adapted_parameters",
            ]
            #expect(
                rows.allSatisfy {
                    $0.n > 0
                        && ($0.metric.hasPrefix("regret") || costMetrics.contains($0.metric)
                            ? $0.value >= 0 : (0...1).contains($0.value))
                }, "\(name)")
        }
        #expect(results.rows.contains { $0.protocol == "cold-start" && $0.segment.hasPrefix("archetype=") })
        #expect(
            results.rows.contains { $0.protocol == "cold-start/user-item-cold" && $0.segment.hasPrefix("archetype=") })

        let markdown = try String(contentsOf: out.appendingPathComponent("run/report.md"), encoding: .utf8)
        for name in partitions {
            #expect(markdown.contains("| \(name) | popularity"), "\(name)")
        }

        let comparison = try MetarecProcess.run(["compare", resultsFile.path, resultsFile.path, "--quiet"])
        #expect(comparison.status == 0, "\(comparison.standardError)")
    }
}
