import Evaluation
import Foundation
import Learning
import RecData
import Recommenders
import Reporting
import Simulation

/// Options of a run that the command line may set.
public struct RunOptions: Sendable {
    /// Cells run at once.
    public var jobs: Int
    /// When set, each scenario runs this many seeds, counting up from its first seed.
    public var seedCount: Int?
    /// Receives one line per finished cell; `nil` for silence.
    public var progress: (@Sendable (String) -> Void)?

    /// Creates options.
    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, seedCount: Int? = nil, progress: (@Sendable (String) -> Void)? = nil) {
        self.jobs = max(1, jobs)
        self.seedCount = seedCount
        self.progress = progress
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
}

/// Runs scenarios: generates each world once per seed, then runs every model on it as an
/// independent cell, several at once. Results do not depend on the number of jobs: all
/// randomness is derived from seeds and labels, and rows are put into canonical order.
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

    private struct Context: Sendable {
        let scenario: ScenarioSpec
        let seed: UInt64
        let protocolRun: ColdStartProtocol
    }

    private struct CellOutcome: Sendable {
        let rows: [ResultRow]
        let perUser: [PerUserRecord]
        let timing: ResultHeader.CellTiming
    }

    /// Runs every cell and assembles the results.
    public func run() async -> SuiteRun {
        let started = Date()
        BLAS.setThreadCount(max(1, ProcessInfo.processInfo.activeProcessorCount / options.jobs))
        let contextKeys = scenarios.flatMap { scenario in seeds(of: scenario).map { (scenario, $0) } }
        let contexts = await boundedMap(contextKeys.map { Pair(scenario: $0.0, seed: $0.1) }, limit: options.jobs) { pair in
            let world = pair.scenario.world.generate(seed: pair.seed)
            let oracle = world.oracle
            let protocolRun = ColdStartProtocol(
                dataset: world.dataset, config: pair.scenario.coldStart,
                random: RandomSource(seed: pair.seed).stream("protocol"),
                oracleUtility: { oracle.utility(user: $0.index, item: $1.index) }
            )
            return Context(scenario: pair.scenario, seed: pair.seed, protocolRun: protocolRun)
        }
        let cells = contexts.flatMap { context in context.scenario.models.map { (context, $0) } }
        let total = cells.count
        let counter = Counter()
        let progress = options.progress
        let outcomes = await boundedMap(cells.map { CellInput(context: $0.0, model: $0.1) }, limit: options.jobs) { cell in
            let outcome = Self.runCell(cell.context, model: cell.model)
            if let progress {
                let done = await counter.increment()
                let status = outcome.timing.error.map { "FAILED: \($0)" } ?? String(format: "%.2f s", outcome.timing.seconds)
                progress("[\(done)/\(total)] \(cell.context.scenario.name) / \(cell.model.label) / seed \(cell.context.seed): \(status)")
            }
            return outcome
        }
        let header = ResultHeader(
            schemaVersion: ResultSet.schemaVersion, toolkitVersion: Toolkit.version, gitCommit: RunEnvironment.gitCommit,
            suite: name,
            scenarios: scenarios.map {
                ResultHeader.ScenarioFile(
                    name: $0.name, path: $0.path, sha256: $0.sha256,
                    models: $0.models.map(\.label), metrics: $0.metrics.map(\.description)
                )
            },
            seeds: Array(Set(scenarios.flatMap(seeds(of:)))).sorted(),
            host: RunEnvironment.host,
            timings: ResultHeader.Timings(
                started: ISO8601DateFormatter().string(from: started),
                totalSeconds: Date().timeIntervalSince(started),
                cells: outcomes.map(\.timing)
            ),
            libraries: RunEnvironment.libraries
        )
        return SuiteRun(
            results: ResultSet(header: header, rows: outcomes.flatMap(\.rows)),
            perUser: outcomes.flatMap(\.perUser),
            failures: outcomes.map(\.timing).filter { $0.error != nil }
        )
    }

    private struct Pair: Sendable {
        let scenario: ScenarioSpec
        let seed: UInt64
    }

    private struct CellInput: Sendable {
        let context: Context
        let model: ModelSpec
    }

    private static func runCell(_ context: Context, model: ModelSpec) -> CellOutcome {
        let started = Date()
        let scenario = context.scenario.name
        let cellRandom = RandomSource(seed: context.seed).stream("cell/\(scenario)/\(model.label)")
        let recommender = model.descriptor.make(model.parameters, cellRandom.stream("model").key)
        do {
            let measurements = try context.protocolRun.run(recommender, metrics: context.scenario.metrics, random: cellRandom)
            var rows = [ResultRow]()
            var perUser = [PerUserRecord]()
            for measurement in measurements {
                let metric = measurement.metric.description
                rows.append(ResultRow(
                    scenario: scenario, protocolName: measurement.protocolName, model: model.label, seed: context.seed,
                    segment: measurement.segment, shots: measurement.shots, window: measurement.window, metric: metric,
                    value: measurement.value, ciLow: measurement.ciLow, ciHigh: measurement.ciHigh, n: measurement.n
                ))
                perUser += measurement.perUser.map {
                    PerUserRecord(
                        scenario: scenario, protocolName: measurement.protocolName, model: model.label, seed: context.seed,
                        segment: measurement.segment, shots: measurement.shots, window: measurement.window,
                        metric: metric, user: $0.user.rawValue, value: $0.value
                    )
                }
            }
            let timing = ResultHeader.CellTiming(scenario: scenario, model: model.label, seed: context.seed, seconds: Date().timeIntervalSince(started), error: nil)
            return CellOutcome(rows: rows, perUser: perUser, timing: timing)
        } catch {
            let timing = ResultHeader.CellTiming(
                scenario: scenario, model: model.label, seed: context.seed,
                seconds: Date().timeIntervalSince(started), error: "\(error)"
            )
            return CellOutcome(rows: [], perUser: [], timing: timing)
        }
    }
}

/// Counts finished cells across concurrent tasks.
private actor Counter {
    private var value = 0

    func increment() -> Int {
        value += 1
        return value
    }
}
