import Evaluation
import Foundation
import Reporting
import Testing

@testable import Experiments

/// A model entry's `protocols` and `retrain_every`, its variants in the results header, and
/// the one fit that serves cold start and transfer when both would fit the same model.
@Suite("Model entries: protocols, refits, variants and shared fits")
struct ModelProtocolsTests {
    private let files = ScenarioFiles()

    private func world(protocols: String, models: String) -> String {
        """
        name: entries
        family: ecommerce
        seeds: [1]
        world: {users: 200, items: 80, days: 60, interactions_per_user: 20, min_interactions_per_user: 12}
        protocols:
        \(protocols)
        models:
        \(models)
        metrics: [hr@5]
        """
    }

    /// Runs `spec` with every model's fits counted.
    private func run(_ spec: ScenarioSpec) async throws -> (run: SuiteRun, fits: [String: Int]) {
        let (run, counters) = await FitCounter.run(spec)
        return (run, counters.mapValues(\.fits))
    }

    @Test(
        "An entry runs only in the protocols it names, with the same figures there; its own retrain_every refits it")
    func protocolsAndRefits() async throws {
        let spec = try files.load(
            world(
                protocols: "  cold_start: {shots: [0, 2], min_query: 3, bootstrap_resamples: 50}\n"
                    + "  drift: {windows: 4, warmup: 0.3, slate_size: 5, max_users: 40, retrain_every: 0}",
                models: """
                      - popularity
                      - {name: popularity, label: drift only, protocols: [drift]}
                      - {name: popularity, label: refit every 2, protocols: drift, retrain_every: 2}
                    """))
        #expect(spec.models.map(\.protocols) == [Set(ScenarioProtocol.allCases), [.drift], [.drift]])
        #expect(spec.models.map(\.retrainEvery) == [nil, nil, 2])
        let (run, fits) = try await run(spec)
        // popularity: cold start and drift; drift only: one; refits at window 2 of 0...3: two.
        #expect(fits == ["popularity": 2, "drift only": 1, "refit every 2": 2])
        let rows = run.results.rows
        let protocols = { (model: String) in Set(rows.filter { $0.model == model }.map(\.protocolName)) }
        #expect(protocols("popularity") == [ColdStartProtocol.name, DriftProtocol.name])
        #expect(protocols("drift only") == [DriftProtocol.name])
        let driftValues = { (model: String) in
            rows.filter { $0.model == model && $0.protocolName == DriftProtocol.name }
                .map { "\($0.window ?? -1) \($0.metric) \($0.value)" }.sorted()
        }
        #expect(!driftValues("popularity").isEmpty && driftValues("drift only") == driftValues("popularity"))
        // Only the entry whose settings differ is a variant, and the header says how.
        #expect(
            run.results.header.scenarios.first?.variants == [
                ModelVariant(model: "refit every 2", base: "popularity", change: "retrain_every: 2")
            ])
    }

    @Test(
        "Bad entries name the line and field",
        arguments: [
            (
                "{name: popularity, protocols: [onboarding]}", "models[0].protocols[0]",
                "does not run protocol 'onboarding'"
            ),
            ("{name: popularity, protocols: [drift, drift]}", "models[0].protocols[1]", "listed twice"),
            ("{name: popularity, protocols: [drifts]}", "models[0].protocols[0]", "did you mean 'drift'?"),
            (
                "{name: popularity, protocols: [cold_start], retrain_every: 2}", "models[0].retrain_every",
                "does not run"
            ),
            ("{name: popularity, retrain_every: -1}", "models[0].retrain_every", "out of range"),
        ])
    func badEntries(entry: String, field: String, message: String) throws {
        let text = world(
            protocols: "  cold_start: {shots: [0, 2], min_query: 3}\n  drift: {windows: 4}", models: "  - \(entry)")
        let error = try #require(files.loadError(text))
        #expect(error.field == field, "\(error)")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.line == 9)
    }

    // MARK: - Cold start and transfer share a fit

    private func transferScenario(coldStart: String?, split: String = "{train: 0.7, validation: 0.1, test: 0.2}")
        -> String
    {
        world(
            protocols: (coldStart.map { "  cold_start: \($0)\n" } ?? "")
                + "  transfer: {population: {feature_share: 0.1}, shots: [0, 2], min_query: 3, split: \(split), bootstrap_resamples: 50}",
            models: "  - popularity")
    }

    @Test(
        "Cold start and transfer with the same fit settings fit once, and transfer's figures are those of its own fit")
    func sharedFit() async throws {
        let coldStart = "{shots: [0, 2], min_query: 3, bootstrap_resamples: 50}"
        let both = try await run(files.load(transferScenario(coldStart: coldStart)))
        #expect(both.fits == ["popularity": 1])
        let alone = try await run(files.load(transferScenario(coldStart: nil)))
        #expect(alone.fits == ["popularity": 1])
        let transferRows = { (run: SuiteRun) in
            run.results.rows.filter { $0.protocolName == TransferProtocol.name }
                .map { "\($0.segment) \($0.shots ?? -1) \($0.metric) \($0.value) [\($0.ciLow), \($0.ciHigh)]" }.sorted()
        }
        #expect(transferRows(both.run).count > 6)
        #expect(transferRows(both.run) == transferRows(alone.run))
        // Another split trains on other users: two fits.
        let apart = try await run(
            files.load(transferScenario(coldStart: coldStart, split: "{train: 0.6, validation: 0.2, test: 0.2}")))
        #expect(apart.fits == ["popularity": 2])
    }
}
