import Evaluation
import Foundation
import Reporting
import Testing

@testable import Experiments

@Suite("Drift protocol in scenarios")
struct DriftScenarioTests {
    private let files = ScenarioFiles()

    /// A small drifting world; `drift` holds the lines under `protocols.drift`, indented by four.
    private func scenario(drift: String, coldStart: Bool = false) -> String {
        let protocols = (coldStart ? "  cold_start:\n    shots: [0, 2]\n    min_query: 3\n" : "") + "  drift:\n" + drift
        return """
            name: drifting
            family: ecommerce
            seeds: [1]
            world:
              users: 200
              items: 80
              days: 60
              interactions_per_user: 20
              min_interactions_per_user: 12
              drift:
                - {kind: sudden, at_day: 35, share: 0.6}
            models: [random, popularity]
            protocols:

            """ + protocols
    }

    @Test("Drift settings decode, and the cold-start protocol only runs when named")
    func decode() throws {
        let path = files.write(
            "d.yaml",
            scenario(
                drift:
                    "    windows: 4\n    warmup: 0.3\n    slate_size: 5\n    retrain_every: 2\n    max_users: 50\n    metrics: [hr@5, oracle_share@5]\n"
            ))
        let spec = try #require(ScenarioLoader().load(path).scenarios.first)
        let drift = try #require(spec.drift)
        #expect(
            drift.windows == 4 && drift.warmup == 0.3 && drift.slateSize == 5 && drift.retrainEvery == 2
                && drift.maxUsersPerWindow == 50)
        #expect(drift.metrics == [.hitRate(k: 5), .oracleShare(k: 5)])
        #expect(spec.coldStart == nil)
    }

    @Test(
        "Bad drift settings name the line and field",
        arguments: [
            ("    windows: 1\n", "protocols.drift.windows", "out of range"),
            ("    metrics: [ndcg@10]\n", "protocols.drift.metrics[0]", "cannot be measured per window"),
            ("    slate_size: 5\n    metrics: [hr@10]\n", "protocols.drift.metrics[0]", "deeper than the slate"),
            ("    windowz: 4\n", "protocols.drift.windowz", "did you mean 'windows'?"),
        ])
    func badSettings(text: String, field: String, message: String) throws {
        let path = files.write("bad.yaml", scenario(drift: text))
        do {
            _ = try ScenarioLoader().load(path)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.field == field)
            #expect(error.line != nil)
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test("A drift run gives per-window rows, curve summaries with the shift, and drift reports")
    func run() async throws {
        let path = files.write(
            "d.yaml", scenario(drift: "    windows: 4\n    warmup: 0.3\n    max_users: 40\n", coldStart: true))
        let spec = try #require(ScenarioLoader().load(path).scenarios.first)
        let run = await SuiteRunner(name: "d", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.isEmpty)
        let drift = run.results.rows.filter { $0.protocolName == "drift" }
        #expect(Set(drift.compactMap(\.window)) == [0, 1, 2, 3])
        #expect(drift.allSatisfy { $0.shots == nil })
        #expect(Set(drift.map(\.metric)) == ["hr@10", "oracle_ndcg@10", "regret@10"])
        #expect(run.results.rows.contains { $0.protocolName == "cold-start" })
        #expect(run.results.drift.count == 2 * 3)
        let shift = try #require(run.results.drift.first?.shifts.first)
        #expect(shift.window == 1)
        #expect(shift.label.contains("sudden"))
        let again = await SuiteRunner(name: "d", scenarios: [spec], options: RunOptions(jobs: 1)).run()
        #expect(again.results.reproducibleRows == run.results.reproducibleRows)
        #expect(again.results.drift == run.results.drift)
        let markdown = MarkdownReport(run.results).render()
        #expect(markdown.contains("### drifting: drift, metric per window"))
        #expect(markdown.contains("| 1 (event) |"))
        #expect(ReportCharts(run.results).driftEntry(scenario: "drifting", metric: "hr@10")?.chart.markers.count == 1)
    }
}
