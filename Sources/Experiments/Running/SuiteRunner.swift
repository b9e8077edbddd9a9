import Evaluation
import Foundation
import Learning
import RecData
import Recommenders
import Reporting
import Synchronization

/// Options of a run that the command line may set.
public struct RunOptions: Sendable {
    /// Cells run at once.
    public var jobs: Int
    /// When set, each scenario runs this many seeds, counting up from its first seed.
    public var seedCount: Int?
    /// Receives progress events; `nil` for silence.
    public var progress: (@Sendable (ProgressEvent) -> Void)?
    /// Where finished cells are stored and looked up; `nil` to compute every cell.
    public var cache: ResultCache?
    /// Receives warnings (a cache that cannot be written, a damaged cache entry) as they
    /// arise; they are also kept in the results header.
    public var warn: (@Sendable (String) -> Void)?
    /// The share of the suite to run; `nil` for all of it.
    public var shard: Shard?
    /// Asked before each cell starts; once it answers `true`, no further cell starts and
    /// the run ends partial.
    public var isInterrupted: @Sendable () -> Bool

    /// Creates options.
    public init(
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, seedCount: Int? = nil,
        progress: (@Sendable (ProgressEvent) -> Void)? = nil, cache: ResultCache? = nil, shard: Shard? = nil,
        warn: (@Sendable (String) -> Void)? = nil, isInterrupted: @escaping @Sendable () -> Bool = { false }
    ) {
        self.warn = warn
        self.jobs = max(1, jobs)
        self.seedCount = seedCount
        self.progress = progress
        self.cache = cache
        self.shard = shard
        self.isInterrupted = isInterrupted
    }
}

/// What a run produced: results, the per-user values behind them, and failed cells.
public struct SuiteRun: Sendable {
    /// The results with their header.
    public let results: ResultSet
    /// Per-user values, cell after cell in suite order (independent of scheduling).
    public let perUser: [PerUserRecord]
    /// Cells whose model failed; the others' results are complete.
    public let failures: [ResultHeader.CellTiming]
    /// Cells of this run's share that were not computed because the run was interrupted.
    public let skipped: [ResultHeader.CellID]
    /// Faults of the scenario files that showed only once a world was prepared (a sweep
    /// leaving no user a query set), one per scenario and seed; their cells are failures too.
    public let inputErrors: [InputError]
}

/// Runs scenarios as independent cells (one model on one scenario with one seed),
/// several at once.
///
/// Each world is generated once per seed and shared by the cells that use it, then freed.
/// Results do not depend on the number of jobs: all randomness is derived from seeds and
/// labels, and rows are put into canonical order. With a cache, finished cells are stored
/// as they finish and taken from it on the next run.
public struct SuiteRunner: Sendable {
    /// The suite's name, for the result header.
    public let name: String
    /// The scenarios to run.
    public let scenarios: [ScenarioSpec]
    /// How to run them.
    public let options: RunOptions

    /// Creates a runner.
    public init(name: String, scenarios: [ScenarioSpec], options: RunOptions) {
        self.name = name
        self.scenarios = scenarios
        self.options = options
    }

    /// The seeds a scenario runs under the options.
    public func seeds(of scenario: ScenarioSpec) -> [UInt64] {
        guard let count = options.seedCount, let first = scenario.seeds.first else { return scenario.seeds }
        return (0..<UInt64(count)).map { first &+ $0 }
    }

    /// Every cell of the suite in canonical order: scenario by scenario, seed by seed, model
    /// by model, as the files list them.
    public func plannedCells() -> [SuiteCell] {
        scenarios.flatMap { scenario in
            seeds(of: scenario).flatMap { seed in
                scenario.models.map { SuiteCell(scenario: scenario, seed: seed, model: $0) }
            }
        }
    }

    /// Runs this run's share of the cells and assembles the results.
    public func run() async -> SuiteRun {
        let started = Date()
        let options = self.options
        BLAS.setThreadCount(max(1, ProcessInfo.processInfo.activeProcessorCount / options.jobs))
        let planned = plannedCells()
        let selected = options.shard?.select(planned) ?? planned
        let build = BuildIdentity.current
        let keys = selected.map { $0.cacheKey(build: build) }
        let warnings = Mutex<[String]>([])
        let warn = { @Sendable (message: String) in
            warnings.withLock { $0.append(message) }
            options.warn?(message)
        }
        if let problem = options.cache?.writeProblem() {
            warn("cache: \(problem); finished cells are not kept, so an interrupted run will not resume")
        }
        var outcomes: [CellOutcome?] = zip(selected, keys).map { cell, key in
            options.cache?.load(key, rejected: { warn("cache: \($0)") }).map { cached in
                var outcome = cached
                outcome.timing.cached = true
                return outcome
            }
        }
        let pending = CellSchedule.order(selected).filter { outcomes[$0] == nil }
        options.progress?(.planned(total: selected.count, cached: selected.count - pending.count))
        let store = WorldStore(cells: pending.map { selected[$0] })
        let storeFailed = Mutex(false)
        let computed = await boundedMap(pending, limit: options.jobs) { index -> (CellOutcome, InputError?)? in
            let cell = selected[index]
            guard !options.isInterrupted() else { return nil }
            options.progress?(.started(cell.id))
            let outcome: CellOutcome
            var inputError: InputError?
            do {
                outcome = Self.run(cell, on: try await store.world(for: cell))
            } catch {
                inputError = error as? InputError
                outcome = CellOutcome(
                    rows: [], perUser: [], drift: [],
                    timing: ResultHeader.CellTiming(
                        scenario: cell.scenario.name, model: cell.model.label, seed: cell.seed, seconds: 0,
                        error: "\(error)"
                    ))
            }
            await store.release(cell)
            do {
                try options.cache?.store(outcome, key: keys[index])
            } catch {
                let first = storeFailed.withLock { failed in
                    defer { failed = true }
                    return !failed
                }
                if first { warn("cache: cannot store \(cell.id): \(error); later cells may not be kept either") }
            }
            options.progress?(.finished(cell.id, seconds: outcome.timing.seconds, error: outcome.timing.error))
            return (outcome, inputError)
        }
        for (index, outcome) in zip(pending, computed) {
            outcomes[index] = outcome?.0
        }
        let inputErrors = Array(Set(computed.compactMap { $0?.1 })).sorted { $0.description < $1.description }
        let finished = outcomes.compactMap { $0 }
        let skipped = zip(selected, outcomes).filter { $0.1 == nil }.map(\.0.id)
        var header = header(started: started, cells: finished.map(\.timing), partial: !skipped.isEmpty)
        let runWarnings = warnings.withLock { $0 }
        header.warnings = runWarnings.isEmpty ? nil : runWarnings
        let perUser = finished.flatMap(\.perUser)
        return SuiteRun(
            results: ResultSet(
                header: header, rows: finished.flatMap(\.rows), drift: finished.flatMap(\.drift),
                onboarding: finished.flatMap(\.onboarding)
            )
            .testingSignificance(perUser: perUser),
            perUser: perUser,
            failures: finished.map(\.timing).filter { $0.error != nil },
            skipped: skipped,
            inputErrors: inputErrors
        )
    }

    // MARK: - Header

    /// The results header of a run that started at `started` (its wall time ends now) and
    /// finished `cells`.
    private func header(started: Date, cells: [ResultHeader.CellTiming], partial: Bool) -> ResultHeader {
        ResultHeader(
            schemaVersion: ResultSet.schemaVersion, toolkitVersion: Toolkit.version,
            gitCommit: RunEnvironment.gitCommit,
            suite: name,
            scenarios: scenarios.map {
                ResultHeader.ScenarioFile(
                    name: $0.name, path: $0.path, sha256: $0.sha256,
                    models: $0.models.map(\.label), metrics: $0.metrics.map(\.description), reference: $0.reference,
                    baselines: $0.models.filter { ModelRegistry.isBaseline($0.descriptor.name) }.map(\.label),
                    dataNote: $0.dataNote,
                    objectives: ObjectiveParameters.objectives(of: $0.models.map { ($0.label, $0.parameters) }),
                    transferNote: $0.transfer?.note,
                    metaLearners: $0.models.filter { ModelRegistry.isMetaLearner($0.descriptor.name) }.map(\.label),
                    variants: $0.variants.isEmpty ? nil : $0.variants
                )
            },
            seeds: Array(Set(scenarios.flatMap(seeds(of:)))).sorted(),
            host: .current,
            timings: ResultHeader.Timings(
                started: ISO8601DateFormatter().string(from: started),
                totalSeconds: Date().timeIntervalSince(started),
                cells: cells
            ),
            libraries: RunEnvironment.libraries,
            plannedCells: plannedCells().map(\.id),
            shard: options.shard?.description,
            partial: partial
        )
    }

    // MARK: - Running and writing the reports

    /// Runs this run's share of the cells and writes the reports into `directory` in
    /// `formats` (see `ReportBundle`; `commit` wraps the moving of the finished files into
    /// place; `writing` is called when the writing starts). With a cache, when every cell is cached and the cache holds the reports of
    /// exactly these cells (see `CachedReports`), writes those — the same bytes but for the
    /// run's own timings — and computes nothing: `run` is then `nil`. A complete run
    /// without failures or warnings stores its reports there for the next one.
    /// - Throws: `ReportError` when a report cannot be written.
    public func runWritingReports(
        to directory: URL, formats: Set<ReportFormat>, writing: () -> Void = {},
        commit: (() throws -> Void) throws -> Void = { try $0() }
    ) async throws -> (run: SuiteRun?, written: [URL]) {
        let started = Date()
        let selected = options.shard?.select(plannedCells()) ?? plannedCells()
        let keys = selected.map { $0.cacheKey(build: BuildIdentity.current) }
        if let cache = options.cache, cache.writeProblem() == nil {
            let header = header(started: started, cells: [], partial: false)
            writing()
            if let key = CachedReports.key(cells: keys, in: cache, header: header, formats: formats),
                let written = try CachedReports(cache: cache, key: key, suite: storedReportsName).write(
                    cells: keys, header: header, started: started, formats: formats, into: directory, commit: commit,
                    warn: { options.warn?($0) })
            {
                options.progress?(.planned(total: selected.count, cached: selected.count))
                return (nil, written)
            }
        }
        let run = await run()
        writing()
        let written = try ReportBundle(results: run.results, perUser: run.perUser).write(
            to: directory, formats: formats, commit: commit)
        if let cache = options.cache, run.failures.isEmpty, run.skipped.isEmpty, run.inputErrors.isEmpty,
            run.results.header.warnings == nil,
            let key = CachedReports.key(cells: keys, in: cache, header: run.results.header, formats: formats)
        {
            do {
                try CachedReports(cache: cache, key: key, suite: storedReportsName).store(
                    run, cells: keys, formats: formats, from: directory)
            } catch {
                options.warn?("cache: cannot keep the suite's reports for a re-run: \(error)")
            }
        }
        return (run, written)
    }

    /// The name this run's reports are kept under in the cache: the suite's, and its shard's,
    /// so that the shards of one suite sharing a cache keep an entry each rather than
    /// replacing each other's.
    private var storedReportsName: String {
        options.shard.map { "\(name) shard \($0)" } ?? name
    }

    // MARK: - One cell

    private static func run(_ cell: SuiteCell, on world: PreparedWorld) -> CellOutcome {
        let started = Date()
        let scenario = cell.scenario.name
        let model = cell.model
        let cellRandom = RandomSource(seed: cell.seed).stream("cell/\(scenario)/\(model.label)")
        let recommender = model.descriptor.make(model.parameters, cellRandom.stream("model").key)
        let timing = { (error: String?) in
            ResultHeader.CellTiming(
                scenario: scenario, model: model.label, seed: cell.seed, seconds: Date().timeIntervalSince(started),
                error: error)
        }
        do {
            let coldStart = model.runs(.coldStart) ? world.coldStart : nil
            let transfer = model.runs(.transfer) ? world.transfer : nil
            // One fit serves every protocol that would fit the same model as cold start.
            let fits = try world.sharedFit?.fits(of: recommender, for: model, random: cellRandom) ?? [:]
            let metrics = cell.scenario.metrics
            let measurements =
                try (coldStart?.run(recommender, metrics: metrics, random: cellRandom, fitted: fits[.coldStart]) ?? [])
                + (transfer?.run(recommender, metrics: metrics, random: cellRandom, fitted: fits[.transfer]) ?? [])
            let drift = try (model.runs(.drift) ? world.drift : nil)?.run(
                recommender, random: cellRandom, retrainEvery: model.retrainEvery)
            let onboarding = try (model.runs(.onboarding) ? world.onboarding : nil)?.run(
                recommender, random: cellRandom, fitted: fits[.onboarding]?.model)
            let results = MeasuredResults(
                scenario: scenario, model: model.label, seed: cell.seed, measurements: measurements, drift: drift,
                onboarding: onboarding
            )
            return CellOutcome(
                rows: results.rows, perUser: results.perUser, drift: results.drift, onboarding: results.onboarding,
                timing: timing(nil))
        } catch {
            return CellOutcome(rows: [], perUser: [], drift: [], timing: timing("\(error)"))
        }
    }
}
