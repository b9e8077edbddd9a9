import Evaluation
import Foundation
import Reporting
import Testing

@testable import Experiments

/// The transfer gap on worlds whose answer is known by construction: fresh users of the
/// same population are served as well as the in-population ones; users led by another
/// archetype are served worse by a model that ranks by the meta-train population's taste.
@Suite("Transfer protocol: known answers")
struct TransferKnownAnswerTests {
    private let files = ScenarioFiles()

    /// A population led by the first archetype; `population` shifts the evaluated one.
    private func run(population: String) async throws -> SuiteRun {
        let spec = try files.load(
            """
            name: shift
            family: ecommerce
            world: {users: 800, items: 300, categories: 8, archetypes: 4, archetype_mix: [4, 0, 0, 0], interactions_per_user: 30, min_interactions_per_user: 15}
            protocols:
              transfer: {population: \(population), shots: [0, 5], min_query: 5, bootstrap_resamples: 500}
            models: [random, popularity]
            metrics: [ndcg@10]
            """)
        let run = await SuiteRunner(name: "shift", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.isEmpty, "\(run.failures)")
        return run
    }

    private func gap(_ run: SuiteRun, model: String, metric: String) throws -> ResultRow {
        try #require(
            run.results.rows.first {
                $0.protocolName == TransferProtocol.name && $0.segment == TransferProtocol.gapSegment
                    && $0.model == model
                    && $0.metric == metric && $0.shots == 5
            })
    }

    @Test("No population key changed: fresh users of the same population, no model's gap is significant")
    func samePopulation() async throws {
        let run = try await run(population: "{}")
        for model in ["random", "popularity"] {
            for metric in ["oracle_ndcg@10", "ndcg@10"] {
                let gap = try gap(run, model: model, metric: metric)
                #expect(
                    gap.ciLow < 0 && 0 < gap.ciHigh, "\(model) \(metric): \(gap.value) [\(gap.ciLow), \(gap.ciHigh)]")
                #expect(abs(gap.value) < 0.03)
            }
        }
        // Both groups are measured, with their per-user values behind them.
        let segments = Set(run.results.rows.filter { $0.protocolName == TransferProtocol.name }.map(\.segment))
        #expect(
            segments == [
                TransferProtocol.inPopulationSegment, TransferProtocol.shiftedSegment, TransferProtocol.gapSegment,
            ])
        try run.results.checkPerUser(run.perUser, file: "per_user.jsonl")
    }

    @Test(
        "Users led by another archetype: popularity, the population's taste, shows a large significant gap; random's logged gap is noise"
    )
    func shiftedPopulation() async throws {
        let run = try await run(population: "{archetype_mix: [0, 4, 0, 0]}")
        let popularity = try gap(run, model: "popularity", metric: "oracle_ndcg@10")
        let random = try gap(run, model: "random", metric: "oracle_ndcg@10")
        #expect(
            popularity.ciLow > 0.2, "popularity's gap \(popularity.value) [\(popularity.ciLow), \(popularity.ciHigh)]")
        #expect(popularity.value > random.value + 0.15)
        let logged = try gap(run, model: "popularity", metric: "ndcg@10")
        #expect(logged.ciLow > 0)
        let randomLogged = try gap(run, model: "random", metric: "ndcg@10")
        #expect(randomLogged.ciLow < 0 && 0 < randomLogged.ciHigh)
    }
}
