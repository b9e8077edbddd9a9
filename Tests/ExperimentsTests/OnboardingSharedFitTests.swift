import Evaluation
import Foundation
import RecData
import Recommenders
import Reporting
import Testing

@testable import Experiments

/// With the cold-start protocol's split fractions, onboarding takes that protocol's user
/// split and the model it fits: one fit per cell, the same test users in both protocols.
@Suite("Onboarding shares the cold-start protocol's split and fit")
struct OnboardingSharedFitTests {
    private let files = ScenarioFiles()
    private static let seed: UInt64 = 1

    /// A small world running cold start and onboarding; `split` is onboarding's, when it
    /// names one (the default fractions are cold start's).
    private func scenario(split: String? = nil, transfer: Bool = false, models: String = "  - bpr") -> String {
        """
        name: shared
        family: ecommerce
        seeds: [\(Self.seed)]
        world: {users: 200, items: 80, days: 60, interactions_per_user: 20, min_interactions_per_user: 12}
        protocols:
          cold_start: {shots: [0, 2], min_query: 3, bootstrap_resamples: 50}
          onboarding: {shots: [0, 2], rounds: 3, bootstrap_resamples: 50\(split.map { ", split: \($0)" } ?? "")}
        \(transfer ? "  transfer: {population: {feature_share: 0.1}, shots: [0, 2], min_query: 3, bootstrap_resamples: 50}" : "")
        models:
        \(models)
        metrics: [hr@5]
        """
    }

    /// The protocols of `spec`'s world as the known answer makes them: cold start on the
    /// seed's protocol stream, onboarding on its stream `onboarding`, with `split` when given.
    private func protocols(of spec: ScenarioSpec, split: (ColdStartProtocol) -> UserSplit?) throws
        -> (coldStart: ColdStartProtocol, onboarding: OnboardingProtocol)
    {
        let world = try #require(spec.world).generate(seed: Self.seed)
        let random = RandomSource(seed: Self.seed).stream("protocol")
        let coldStart = ColdStartProtocol(dataset: world.dataset, config: try #require(spec.coldStart), random: random)
        let onboarding = OnboardingProtocol(
            dataset: world.dataset, environment: WorldDriftEnvironment(world: world),
            config: try #require(spec.onboarding), random: random.stream("onboarding"), split: split(coldStart))
        return (coldStart, onboarding)
    }

    /// The cell's random source and a fresh model of `spec`'s first entry, as a cell makes them.
    private func cell(of spec: ScenarioSpec) -> (random: RandomSource, model: any Recommender) {
        let entry = spec.models[0]
        let random = RandomSource(seed: Self.seed).stream("cell/\(spec.name)/\(entry.label)")
        return (random, entry.descriptor.make(entry.parameters, random.stream("model").key))
    }

    /// `model`'s onboarding rows and curve summaries in `results`, in a comparable form.
    private func onboardingFigures(_ results: ResultSet, model: String) -> Figures {
        Figures(
            rows: results.rows.filter { $0.protocolName == OnboardingProtocol.name && $0.model == model }.map(\.key)
                .sorted(),
            summaries: results.onboarding.filter { $0.model == model })
    }

    /// The onboarding figures of `outcome` for `spec`'s first entry, as a run reports them.
    private func onboardingFigures(of outcome: OnboardingOutcome, spec: ScenarioSpec) -> Figures {
        let measured = MeasuredResults(
            scenario: spec.name, model: spec.models[0].label, seed: Self.seed, measurements: [], onboarding: outcome)
        return Figures(rows: measured.rows.map(\.key).sorted(), summaries: measured.onboarding)
    }

    private struct Figures: Equatable {
        let rows: [String]
        let summaries: [OnboardingFigure]
    }

    // MARK: - Shared fractions

    @Test(
        "With cold start's fractions, onboarding equals onboarding the cold-start-fitted model on cold start's split, fitted once"
    )
    func sharedFit() async throws {
        let spec = try files.load(scenario())
        let (run, counters) = await FitCounter.run(spec)
        let counter = try #require(counters["bpr"])
        let (coldStart, onboarding) = try protocols(of: spec) { $0.split }
        #expect(counter.given == [FitCounter.Fit(users: coldStart.split.train, validation: coldStart.validationTasks)])
        let (random, model) = cell(of: spec)
        let fitted = try coldStart.fit(model, random: random).model
        let expected = onboardingFigures(of: try onboarding.run(model, random: random, fitted: fitted), spec: spec)
        #expect(expected.rows.count == 2 * 3 * 3 && !expected.summaries.isEmpty)
        #expect(onboardingFigures(run.results, model: "bpr") == expected)
        // The same test users in both protocols: onboarding's are cold start's with enough history.
        let users = { (protocolName: String) in
            Set(run.perUser.filter { $0.protocolName == protocolName }.map(\.user))
        }
        let onboarded = users(OnboardingProtocol.name)
        #expect(onboarded == Set(onboarding.evaluatedUsers.map(\.rawValue)))
        #expect(onboarded.isSubset(of: Set(coldStart.split.test.map(\.rawValue))))
        #expect(onboarded.isSuperset(of: users(ColdStartProtocol.name)))
        // Onboarding's own split and fit give other figures: the comparison can fail.
        let (_, ownSplit) = try protocols(of: spec) { _ in nil }
        #expect(onboardingFigures(of: try ownSplit.run(model, random: random), spec: spec) != expected)
    }

    @Test("An entry that runs only onboarding fits exactly as cold start would: the same figures, one fit")
    func onboardingOnly() async throws {
        let both = try await FitCounter.run(files.load(scenario()))
        let alone = try await FitCounter.run(files.load(scenario(models: "  - {name: bpr, protocols: [onboarding]}")))
        let counter = try #require(alone.counters["bpr"])
        let (coldStart, _) = try protocols(of: files.load(scenario())) { $0.split }
        #expect(counter.given == [FitCounter.Fit(users: coldStart.split.train, validation: coldStart.validationTasks)])
        #expect(!alone.run.results.rows.contains { $0.protocolName == ColdStartProtocol.name })
        let figures = onboardingFigures(alone.run.results, model: "bpr")
        #expect(!figures.rows.isEmpty && figures == onboardingFigures(both.run.results, model: "bpr"))
    }

    @Test("With transfer sharing too, one fit serves all three protocols, and an entry without cold start fits once")
    func sharedWithTransfer() async throws {
        let spec = try files.load(
            scenario(
                transfer: true,
                models: "  - bpr\n  - {name: bpr, label: bpr elsewhere, protocols: [onboarding, transfer]}"))
        let (run, counters) = await FitCounter.run(spec)
        let coldStart = try protocols(of: spec) { $0.split }.coldStart
        let once = [FitCounter.Fit(users: coldStart.split.train, validation: coldStart.validationTasks)]
        #expect(try #require(counters["bpr"]).given == once)
        #expect(try #require(counters["bpr elsewhere"]).given == once)
        let protocols = { (model: String) in
            Set(run.results.rows.filter { $0.model == model }.map(\.protocolName))
        }
        #expect(protocols("bpr") == [ColdStartProtocol.name, OnboardingProtocol.name, TransferProtocol.name])
        #expect(protocols("bpr elsewhere") == [OnboardingProtocol.name, TransferProtocol.name])
    }

    @Test("Shared fits give the same results for 1 and 2 jobs")
    func determinism() async throws {
        let spec = try files.load(
            scenario(
                models: "  - bpr\n  - popularity\n  - {name: bpr, label: bpr onboarding, protocols: [onboarding]}"))
        let one = await SuiteRunner(name: "s", scenarios: [spec], options: RunOptions(jobs: 1)).run()
        let two = await SuiteRunner(name: "s", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(one.failures.isEmpty && two.failures.isEmpty)
        #expect(Set(one.results.onboarding.map(\.model)) == ["bpr", "popularity", "bpr onboarding"])
        #expect(one.results.reproducibleRows == two.results.reproducibleRows)
        #expect(one.results.onboarding == two.results.onboarding && one.perUser == two.perUser)
    }

    // MARK: - Other fractions

    @Test("With other fractions, onboarding fits its own model on its own split, as before")
    func ownFit() async throws {
        let spec = try files.load(scenario(split: "{train: 0.6, validation: 0.2, test: 0.2}"))
        let (run, counters) = await FitCounter.run(spec)
        let (coldStart, onboarding) = try protocols(of: spec) { _ in nil }
        #expect(onboarding.split != coldStart.split)
        #expect(
            try #require(counters["bpr"]).given == [
                FitCounter.Fit(users: coldStart.split.train, validation: coldStart.validationTasks),
                FitCounter.Fit(users: onboarding.split.train, validation: onboarding.validationTasks),
            ])
        let (random, model) = cell(of: spec)
        let expected = onboardingFigures(of: try onboarding.run(model, random: random), spec: spec)
        #expect(!expected.rows.isEmpty && onboardingFigures(run.results, model: "bpr") == expected)
    }
}

private extension ResultRow {
    /// The row's coordinates and figures in one string.
    var key: String {
        "\(self.shots ?? -1) \(self.round ?? -1) \(self.metric) \(value) [\(ciLow), \(ciHigh)] n \(n)"
    }
}
