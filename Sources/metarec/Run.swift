import ArgumentParser
import Foundation
import MetaRecSim

extension MetaRec {
    /// `metarec run`: runs scenarios or suites and writes the reports.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run scenarios or suites and write results.json, report.md and report.xlsx.",
            discussion: """
                Every file is validated before anything runs; a fault that shows only once a world is \
                prepared (a K sweep leaving no user a query set) exits 2 after the reports are written. A model that fails in one cell does not \
                stop the others: its failure is listed in the reports and the exit code is 1. Finished \
                cells are cached, so a re-run computes only what changed and an interrupted run resumes; \
                a re-run with nothing changed writes the reports the cache kept, with its own timings. \
                Ctrl-C stops starting cells and writes a partial report (exit code 130). The output folder \
                is checked before the first cell runs; a cache that cannot be written is a warning (an \
                error with --require-cache).
                """
        )

        @Argument(help: "Scenario or suite YAML files to run (one report for all of them).")
        var files: [String]

        @Option(help: "Directory for the reports (default: Reports/<suite-or-scenario-name>).")
        var out: String?

        @Option(help: "Run this many seeds per scenario, counting up from the scenario's first seed.")
        var seeds: Int?

        @Option(help: "Cells to run at once; defaults to the number of cores.")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(
            help: ArgumentHelp(
                "Run only shard i of n of the cells (e.g. 2/4).",
                discussion: "Without it, METAREC_SHARD, a Slurm job array or a Kubernetes Indexed Job sets the shard."
            ))
        var shard: String?

        @Option(help: "Directory of the result cache.")
        var cache: String = ResultCache.defaultDirectory.path

        @Flag(help: "Compute every cell, neither reading nor writing the cache.")
        var noCache = false

        @Flag(help: "Fail (exit 2) when the cache cannot be written, instead of warning and running without it.")
        var requireCache = false

        @Option(
            help: ArgumentHelp(
                "Report formats to write, comma-separated: json, markdown, xlsx (default: as the scenarios say).",
                valueName: "formats"
            ))
        var format: String?

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
            if let seeds, seeds > ScenarioSpec.maximumSeeds {
                throw ValidationError(
                    "--seeds must be at most \(ScenarioSpec.maximumSeeds) (each seed generates a world and runs every model on it), got \(seeds)"
                )
            }
            if requireCache && noCache { throw ValidationError("--require-cache and --no-cache contradict each other") }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
            if let shard, Shard(shard) == nil {
                throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n, got '\(shard)'")
            }
            _ = try requestedFormats()
        }

        func run() async throws {
            var runner = ScenarioRunner()
            let plan = try runner.plan(files)
            try MemoryLimit.current.check(plan.scenarios, jobs: jobs, seedCount: seeds)
            let selectedShard: Shard?
            do {
                selectedShard =
                    try shard.flatMap(Shard.init) ?? Shard.fromEnvironment(ProcessInfo.processInfo.environment)
            } catch let error as ShardError {
                throw InputError(file: "environment", message: error.description)
            }
            let directory = URL(fileURLWithPath: out ?? "Reports/\(plan.name)")
            try ReportBundle.prepare(directory)
            let cache = noCache ? nil : ResultCache(directory: URL(fileURLWithPath: self.cache))
            if requireCache, let problem = cache?.writeProblem() {
                throw InputError(file: self.cache, message: "\(problem) (--require-cache)")
            }
            let interruption = Interruption()
            interruption.install()
            var progress: (@Sendable (ProgressEvent) -> Void)?
            if !quiet {
                let display = ProgressDisplay.standardError()
                progress = { @Sendable event in display.handle(event) }
            }
            runner.options = RunOptions(
                jobs: jobs, seedCount: seeds, progress: progress,
                cache: cache, shard: selectedShard,
                warn: { @Sendable message in FileHandle.standardError.write(Data("warning: \(message)\n".utf8)) },
                isInterrupted: { @Sendable in interruption.isRequested }
            )
            let (run, written) = try await runner.run(
                plan, writingReportsTo: directory, formats: try requestedFormats() ?? plan.formats,
                writing: { interruption.writing(into: directory) }, commit: interruption.committing
            )
            if !quiet {
                for url in written where url.pathExtension != "svg" { print("wrote \(url.path)") }
            }
            // Without a run, the reports came whole from the cache: no cell failed or was skipped.
            guard let outcome = run else { return }
            for failure in outcome.failures {
                FileHandle.standardError.write(Data("cell failed: \(failure.cell): \(failure.error ?? "")\n".utf8))
            }
            if let inputError = outcome.inputErrors.first { throw inputError }
            if !outcome.skipped.isEmpty {
                FileHandle.standardError.write(
                    Data("partial report in \(directory.path): \(outcome.skipped.count) cell(s) not run\n".utf8))
                throw ExitCode(ExitStatus.interrupted)
            }
            if !outcome.failures.isEmpty { throw ExitCode(ExitStatus.failure) }
        }

        /// The formats `--format` asks for (JSON always included), or `nil` when it is absent.
        private func requestedFormats() throws -> Set<ReportFormat>? {
            guard let format else { return nil }
            var formats: Set<ReportFormat> = [.json]
            for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let parsed = ReportFormat(rawValue: name) else {
                    throw ValidationError("--format: unknown format '\(name)'; expected json, markdown or xlsx")
                }
                formats.insert(parsed)
            }
            return formats
        }
    }
}
