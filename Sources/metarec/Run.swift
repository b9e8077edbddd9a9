import ArgumentParser
import Experiments
import Foundation
import Reporting

extension MetaRec {
    /// `metarec run`: runs scenarios or suites and writes the reports.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run scenarios or suites and write results.json, report.md and report.xlsx.",
            discussion: """
            Every file is validated before anything runs. A model that fails in one cell does not \
            stop the others: its failure is listed in the reports and the exit code is 1.
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

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        }

        func run() async throws {
            let loaded = try loadFiles(files)
            let scenarios = loaded.flatMap(\.scenarios)
            var names = Set<String>()
            for scenario in scenarios where !names.insert(scenario.name).inserted {
                throw InputError(file: scenario.path, field: "name", message: "scenario '\(scenario.name)' is given more than once")
            }
            let name = loaded.count == 1 ? loaded[0].name : loaded.map(\.name).joined(separator: "+")
            let directory = URL(fileURLWithPath: out ?? "Reports/\(name)")
            let quiet = self.quiet
            let progress: (@Sendable (String) -> Void)? = quiet ? nil : { @Sendable line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            let runner = SuiteRunner(name: name, scenarios: scenarios, options: RunOptions(jobs: jobs, seedCount: seeds, progress: progress))
            let outcome = await runner.run()
            let formats = scenarios.reduce(into: Set<ReportFormat>()) { $0.formUnion($1.formats) }
            let written = try ReportBundle(results: outcome.results, perUser: outcome.perUser).write(to: directory, formats: formats)
            if !quiet {
                for url in written { print("wrote \(url.path)") }
            }
            for failure in outcome.failures {
                FileHandle.standardError.write(Data("cell failed: \(failure.scenario) / \(failure.model) / seed \(failure.seed): \(failure.error ?? "")\n".utf8))
            }
            if !outcome.failures.isEmpty { throw ExitCode(ExitStatus.failure) }
        }
    }
}
