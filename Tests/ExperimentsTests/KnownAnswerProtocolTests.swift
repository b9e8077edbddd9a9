import Evaluation
import Foundation
import Reporting
import Testing

@testable import Experiments

/// The protocols and statistics on small worlds whose answer is known by construction.
@Suite("Known answers of the protocols and statistics")
struct KnownAnswerProtocolTests {
    private static func world(users: Int, items: Int, extra: String = "") -> String {
        """
        family: ecommerce
        seeds: [1]
        world:
          users: \(users)
          items: \(items)
          interactions_per_user: 20
          min_interactions_per_user: 14
        \(extra)
        protocols:
          cold_start:
            shots: [0, 2, 5]
            min_query: 4
            bootstrap_resamples: 20
        """
    }

    @Test(
        "A/A: one model under two labels is told apart in at most 1 of 20 seeds, never with the seeds pooled, and the regression gate passes them"
    )
    func aaTest() async throws {
        let spec = try ScenarioFiles().load(
            """
            name: aa
            \(Self.world(users: 150, items: 60))
            models:
              - {name: random, label: first}
              - {name: random, label: second}
            reference: first
            metrics: [ndcg@10, hr@10]
            """)
        let run = await SuiteRunner(name: "aa", scenarios: [spec], options: RunOptions(jobs: 2, seedCount: 20)).run()
        #expect(run.failures.isEmpty)
        let significance = run.results.significance
        let perSeed = significance.comparisons.filter { $0.protocolName == "cold-start" }
        #expect(Set(perSeed.map(\.seed)).count == 20)
        let separated = Set(perSeed.filter { $0.wilcoxonAdjustedP <= significance.alpha }.map(\.seed))
        #expect(separated.count <= 1, "told apart in seeds \(separated.sorted())")
        let verdicts = significance.verdicts.filter { $0.protocolName == "cold-start" }
        #expect(verdicts.count == 5)
        #expect(verdicts.allSatisfy { $0.verdict == .inconclusive && $0.pooled?.seeds == 20 })
        // The two labels draw different scores: the test had something to tell apart.
        #expect(perSeed.contains { $0.meanDifference != 0 })
        // `metarec compare`'s gate, given one label as baseline and the other as candidate, passes.
        let relabelled = { (label: String) -> RegressionGate.Run in
            let rows = run.results.rows.filter { $0.model == label }.map { row -> ResultRow in
                var renamed = row
                renamed.model = "model"
                return renamed
            }
            let perUser = run.perUser.filter { $0.model == label }.map { record -> PerUserRecord in
                var renamed = record
                renamed.model = "model"
                return renamed
            }
            return RegressionGate.Run(results: ResultSet(header: run.results.header, rows: rows), perUser: perUser)
        }
        let gate = RegressionGate(tolerances: ToleranceSet()) { WilcoxonSignedRank(differences: $0).pValue }
        let report = try gate.compare(baseline: relabelled("first"), candidate: relabelled("second"))
        #expect(!report.comparisons.isEmpty)
        #expect(!report.failed, "\(report.table())")
    }

    @Test("A model that ignores its support draws a flat K-curve: the same per-user values at every K")
    func flatCurve() async throws {
        let spec = try ScenarioFiles().load(
            """
            name: flat
            \(Self.world(users: 150, items: 60))
            models: [popularity]
            metrics: [ndcg@10, hr@10]
            """)
        let run = await SuiteRunner(name: "flat", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.isEmpty)
        for metric in ["ndcg@10", "hr@10", "oracle_ndcg@10", "regret@10"] {
            let curve = run.results.rows.filter {
                $0.metric == metric && $0.segment == "all" && $0.protocolName == "cold-start"
            }
            #expect(curve.count == 3, "\(metric)")
            #expect(Set(curve.map(\.value)).count == 1, "\(metric): \(curve.map(\.value))")
            #expect(curve.allSatisfy { $0.n == curve[0].n })
        }
    }

    /// Every slate of the log is filled by steep popularity, so users can only choose among
    /// the popular items: the log rewards ranking them first, whatever the users prefer.
    @Test(
        "Exposure is everything: with a 100 % popularity logging policy, logged nDCG favours popularity over the oracle, the oracle metrics the reverse, and the report says so"
    )
    func exposureIsEverything() async throws {
        let spec = try ScenarioFiles().load(
            """
            name: exposure
            \(Self.world(users: 400, items: 1000, extra: "  popularity_exponent: 2\n  logging_policy: {popularity: 1, random: 0, exploration: 0}"))
            models: [popularity, oracle]
            metrics: [ndcg@10]
            """)
        #expect(spec.metrics.map(\.description) == ["oracle_ndcg@10", "oracle_share@10", "regret@10", "ndcg@10"])
        let run = await SuiteRunner(name: "exposure", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.isEmpty)
        let pivot = ResultPivot(run.results)
        let figure = { (model: String, metric: String) in
            pivot.figure(scenario: "exposure", protocolName: "cold-start", model: model, metric: metric, shots: 5)?
                .value ?? .nan
        }
        #expect(figure("popularity", "ndcg@10") > figure("oracle", "ndcg@10"))
        #expect(figure("oracle", "oracle_ndcg@10") == 1)
        #expect(figure("oracle", "regret@10") == 0)
        #expect(figure("popularity", "oracle_ndcg@10") < 1)
        let found = run.results.significance.disagreements
        #expect(
            found.contains {
                $0.loggedMetric == "ndcg@10" && $0.loggedFavours == "popularity" && $0.oracleFavours == "oracle"
            })
        let report = MarkdownReport(run.results).render()
        #expect(report.contains("disagreements between logged and true quality"))
        #expect(report.contains("logged ndcg@10 favours popularity over oracle"))
        #expect(report.contains("ndcg@10 (logged)"))
    }

    @Test("The reference is the strongest baseline on the validation users, whose rows are reported")
    func validationReference() async throws {
        let spec = try ScenarioFiles().load(
            """
            name: reference
            \(Self.world(users: 150, items: 60))
            models: [random, popularity, oracle]
            metrics: [ndcg@10]
            """)
        let run = await SuiteRunner(name: "reference", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        let validation = run.results.rows.filter { $0.segment == "validation" }
        #expect(Set(validation.map(\.model)) == ["random", "popularity", "oracle"])
        #expect(validation.allSatisfy { $0.shots == 5 })
        // The oracle is no baseline, so never the reference; popularity beats random on oracle nDCG.
        #expect(run.results.significance.verdicts.allSatisfy { $0.reference == "popularity" })
        #expect(run.results.significance.families.count == 1)
    }
}
