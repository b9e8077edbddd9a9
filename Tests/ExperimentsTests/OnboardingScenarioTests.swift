import Evaluation
import Foundation
import Reporting
import Testing

@testable import Experiments

@Suite("Onboarding protocol in scenarios")
struct OnboardingScenarioTests {
    private let files = ScenarioFiles()

    /// A small world; `onboarding` holds the lines under `protocols.onboarding`, indented by four.
    private func scenario(onboarding: String, family: String = "ecommerce") -> String {
        """
        name: onboarding
        family: \(family)
        seeds: [1]
        world:
          users: 200
          items: 90
          interactions_per_user: 18
          min_interactions_per_user: 12
        models: [random, popularity]
        protocols:
          onboarding:

        """ + onboarding
    }

    @Test("Onboarding settings decode with their defaults; metrics default to the slate's depth")
    func decode() throws {
        let spec = try files.load(scenario(onboarding: "    shots: [3, 0]\n    rounds: 4\n    slate_size: 5\n"))
        let onboarding = try #require(spec.onboarding)
        #expect(onboarding.shots == [0, 3] && onboarding.rounds == 4 && onboarding.slateSize == 5)
        #expect(onboarding.metrics == [.hitRate(k: 5), .oracleNDCG(k: 5), .regret(k: 5)])
        #expect(spec.coldStart == nil && spec.drift == nil)
        let defaults = try #require(try files.load(scenario(onboarding: "    bootstrap_resamples: 10\n")).onboarding)
        #expect(defaults.shots == [0] && defaults.rounds == 10 && defaults.slateSize == 10)
    }

    @Test(
        "Bad onboarding settings name the file, line and field",
        arguments: [
            ("    rounds: 0\n", "protocols.onboarding.rounds", "out of range"),
            ("    roundz: 4\n", "protocols.onboarding.roundz", "did you mean 'rounds'?"),
            ("    metrics: [ndcg@10]\n", "protocols.onboarding.metrics[0]", "cannot be measured per round"),
            (
                "    slate_size: 5\n    metrics: [regret@10]\n", "protocols.onboarding.metrics[0]",
                "deeper than the slate"
            ),
            ("    shots: [2, 2]\n", "protocols.onboarding.shots", "distinct"),
        ])
    func badSettings(text: String, field: String, message: String) throws {
        let error = try #require(files.loadError(scenario(onboarding: text)))
        #expect(error.field == field)
        #expect(error.line != nil)
        #expect(error.file.hasSuffix(".yaml"))
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("Onboarding on a real dataset is refused at protocols.onboarding")
    func realDataset() throws {
        let text =
            "name: real\nseeds: [1]\ndataset:\n  format: recbole\n  path: data\n  name: toy\nmodels: [random]\nprotocols:\n  onboarding:\n    rounds: 3\n"
        files.writeToyDataset()
        let error = try #require(files.loadError(text))
        #expect(error.field == "protocols.onboarding")
        #expect(error.line == 10)
        #expect(error.message.contains("simulated world"), "\(error)")
    }

    @Test(
        "An onboarding run gives per-round rows, summaries with intervals, and its reports; the same for any job count")
    func run() async throws {
        let spec = try files.load(
            scenario(onboarding: "    shots: [0, 2]\n    rounds: 4\n    bootstrap_resamples: 50\n"))
        let run = await SuiteRunner(name: "o", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.isEmpty)
        let rows = run.results.rows.filter { $0.protocolName == "onboarding" }
        #expect(rows.count == 2 * 2 * 4 * 3)
        #expect(Set(rows.compactMap(\.round)) == [1, 2, 3, 4] && Set(rows.compactMap(\.shots)) == [0, 2])
        #expect(rows.allSatisfy { $0.window == nil && $0.ciLow <= $0.value && $0.value <= $0.ciHigh })
        #expect(run.perUser.contains { $0.round == 4 && $0.protocolName == "onboarding" })
        #expect(run.results.onboarding.count == 2 * 2 * 3)
        let regret = try #require(
            run.results.onboarding.first { $0.model == "random" && $0.metric == "regret@10" && $0.shots == 0 })
        #expect(
            regret.cumulativeRegretLow <= regret.cumulativeRegret
                && regret.cumulativeRegret <= regret.cumulativeRegretHigh)
        #expect(regret.cumulativeRegret > 0 && !regret.hasReach)
        #expect(run.results.significance.comparisons.isEmpty, "onboarding rows are not tested at a headline K")
        let again = await SuiteRunner(name: "o", scenarios: [spec], options: RunOptions(jobs: 1)).run()
        #expect(
            again.results.reproducibleRows == run.results.reproducibleRows
                && again.results.onboarding == run.results.onboarding)
        let decoded = try ResultSet.decode(run.results.jsonData(), source: "results.json")
        #expect(decoded == run.results)
        let markdown = MarkdownReport(run.results).render()
        #expect(markdown.contains("### onboarding: onboarding, metric per round"))
        #expect(markdown.contains("**regret@10, K = 2**"))
        #expect(markdown.contains("| model | mean over rounds | cumulative regret | rounds to 90 % of oracle |"))
        #expect(!markdown.contains("summary at K"), "onboarding's K is not a cold-start headline")
        let chart = try #require(
            ReportCharts(run.results).onboardingEntry(scenario: "onboarding", metric: "regret@10", shots: 0))
        #expect(chart.path == "charts/onboarding-onboarding-k0-regret-at-10.svg" && chart.chart.series.count == 2)
        #expect(ReportCharts(run.results).entry(scenario: "onboarding", metric: "regret@10") == nil)
    }
}
