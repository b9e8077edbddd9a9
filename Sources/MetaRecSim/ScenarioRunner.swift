import Foundation

/// Runs scenario and suite files the way `metarec run` does, with your own models beside
/// the built-in ones, and hands back the results.
///
/// ```swift
/// var runner = ScenarioRunner()
/// runner.register(CategoryAffinity.descriptor)
/// let run = try await runner.run(["Scenarios/quickstart.yaml"], writingReportsTo: URL(fileURLWithPath: "Reports/mine"))
/// print(run.results.rows.filter { $0.model == "category-affinity" })
/// ```
///
/// A registered model can be named in scenario files (`models: [{name: category-affinity}]`)
/// and, unless registered with `addToEveryScenario: false`, also runs in every scenario
/// that does not list it, so a stock scenario such as `Scenarios/quickstart.yaml` measures
/// it beside its own models.
public struct ScenarioRunner: Sendable {
    /// The models scenario files may name: the built-in ones and those registered.
    public private(set) var registry: ModelRegistry
    /// Names of registered models that run in every scenario not listing them, in order.
    public private(set) var addedModels: [String] = []
    /// How cells run: jobs, seeds, cache, shard, progress. No cache unless you give one.
    public var options: RunOptions

    /// Creates a runner with the built-in models.
    public init(options: RunOptions = RunOptions()) {
        self.registry = .builtIn
        self.options = options
    }

    /// Registers a model, replacing any of the same name.
    /// - Parameters:
    ///   - descriptor: the model's name, parameters and factory.
    ///   - addToEveryScenario: also run it in every scenario that does not list it.
    public mutating func register(_ descriptor: ModelDescriptor, addToEveryScenario: Bool = true) {
        registry.register(descriptor)
        addedModels.removeAll { $0 == descriptor.name }
        if addToEveryScenario { addedModels.append(descriptor.name) }
    }

    // MARK: - Loading

    /// Reads and validates `files` (scenarios or suites), adding the registered models.
    /// - Throws: `InputError` naming the file, line and field of the first fault.
    public func load(_ files: [String]) throws -> [ScenarioSpec] {
        try plan(files).scenarios
    }

    /// Reads and validates every file (scenarios or suites), stopping at the first bad one,
    /// then adds the registered models to each scenario that does not list them and names
    /// the run after the files (the scenario's or suite's name, or the names joined by `+`).
    /// - Throws: `InputError` naming the file, line and field of the first fault, or the
    ///   file of a scenario given more than once.
    public func plan(_ files: [String]) throws -> SuitePlan {
        let loader = ScenarioLoader(registry: registry)
        let loaded = try files.map(loader.load)
        try LoadedFile.checkDistinctNames(loaded)
        var scenarios = [ScenarioSpec]()
        for var scenario in loaded.flatMap(\.scenarios) {
            for name in addedModels where !scenario.models.contains(where: { $0.label == name }) {
                if let descriptor = registry.descriptor(named: name) {
                    scenario.models.append(
                        ModelSpec(label: name, descriptor: descriptor, parameters: descriptor.resolve([:])))
                }
            }
            scenarios.append(scenario)
        }
        return SuitePlan(name: loaded.map(\.name).joined(separator: "+"), scenarios: scenarios)
    }

    // MARK: - Running

    /// Runs a plan's cells under ``options`` and returns the results, the per-user values
    /// behind them and the failed cells (a failing model does not stop the others).
    /// - Parameters:
    ///   - plan: the scenarios to run, from ``plan(_:)``.
    ///   - name: the run's name in the results; by default the plan's.
    public func run(_ plan: SuitePlan, name: String? = nil) async -> SuiteRun {
        await SuiteRunner(name: name ?? plan.name, scenarios: plan.scenarios, options: options).run()
    }

    /// Runs a plan's cells under ``options`` and writes the reports into `directory`; with a
    /// cache that holds this suite's reports for exactly its cached cells, writes those
    /// without computing anything, and `run` is `nil` (see
    /// `SuiteRunner.runWritingReports(to:formats:writing:commit:)` in Experiments).
    /// - Parameters:
    ///   - plan: the scenarios to run, from ``plan(_:)``.
    ///   - directory: the folder the reports go into.
    ///   - formats: the formats to write.
    ///   - writing: called when the writing starts.
    ///   - commit: wraps the moving of the finished files into place.
    /// - Throws: `ReportError` when a report cannot be written.
    public func run(
        _ plan: SuitePlan, writingReportsTo directory: URL, formats: Set<ReportFormat>, writing: () -> Void = {},
        commit: (() throws -> Void) throws -> Void = { try $0() }
    ) async throws -> (run: SuiteRun?, written: [URL]) {
        try await SuiteRunner(name: plan.name, scenarios: plan.scenarios, options: options).runWritingReports(
            to: directory, formats: formats, writing: writing, commit: commit)
    }

    /// Runs `files` and returns the results, the per-user values behind them and the
    /// failed cells (a failing model does not stop the others).
    /// - Parameters:
    ///   - files: the scenario and suite files.
    ///   - name: the run's name in the results; by default the scenario's or
    ///     suite's name, or the names joined by `+`.
    /// - Throws: `InputError` when a file is bad; nothing runs then.
    public func run(_ files: [String], name: String? = nil) async throws -> SuiteRun {
        await run(try plan(files), name: name)
    }

    /// Runs `files`, writes the reports into `directory` (`results.json`,
    /// `per_user.jsonl`, `report.md`, `report.xlsx`) and returns the results.
    /// - Parameters:
    ///   - files: the scenario and suite files.
    ///   - name: the run's name in the results; by default the scenario's or suite's name.
    ///   - directory: the folder the reports go into.
    ///   - formats: the formats to write; by default those the scenarios ask for.
    /// - Throws: `InputError` when a file is bad, `ReportError` when a report cannot be written.
    public func run(
        _ files: [String], name: String? = nil, writingReportsTo directory: URL, formats: Set<ReportFormat>? = nil
    ) async throws -> SuiteRun {
        let plan = try plan(files)
        let run = await run(plan, name: name)
        _ = try run.writeReports(to: directory, formats: formats ?? plan.formats)
        return run
    }
}
