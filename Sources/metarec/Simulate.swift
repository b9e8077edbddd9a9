import ArgumentParser
import Experiments
import Foundation
import RecData
import Reporting
import Simulation

extension MetaRec {
    /// `metarec simulate`: generates a scenario's world and writes its logs and tables.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a scenario's world and write its logs, feature tables and summary.",
            discussion: """
                recbole writes NAME.inter, NAME.user and NAME.item (RecBole atomic files of the dataset); \
                csv writes interactions.csv (every logged choice with its feedback), users.csv and items.csv; \
                summary writes only the summary. Every format also writes summary.json and shift_events.csv. \
                The world is the same for any number of threads.
                """
        )

        @Argument(help: "The scenario file whose world to generate.")
        var file: String

        @Option(help: "Directory to write into (created if needed).")
        var out: String

        @Option(help: "What to write: \(WorldExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: WorldExportFormat = .recbole

        @Option(help: "Seed of the world (default: the scenario's first seed).")
        var seed: UInt64?

        @Option(help: "Worker threads for generation (default: the number of cores).")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        }

        func run() throws {
            guard case let .scenario(spec) = try ScenarioLoader().load(file) else {
                throw InputError(file: file, message: "simulate takes a scenario file, not a suite")
            }
            guard let config = spec.world else {
                throw InputError(
                    file: file, field: "dataset",
                    message: "simulate generates a simulated world; this scenario names a real dataset")
            }
            try ReportBundle.prepare(URL(fileURLWithPath: out))
            let world = config.generate(seed: seed ?? spec.seeds[0], threads: threads)
            if !quiet { FileHandle.standardError.write(Data((world.generationReport + "\n").utf8)) }
            let written: [URL]
            do {
                written = try AtomicFile.writeAll(into: URL(fileURLWithPath: out)) { scratch in
                    try world.export(format, name: spec.name, to: scratch)
                }
            } catch let error as any UserFacingError {
                throw error
            } catch {
                throw InputError(file: out, message: "cannot write the world: \(ReportError.reason(for: error))")
            }
            if !quiet {
                for url in written { print("wrote \(url.path)") }
            }
        }
    }
}

extension WorldExportFormat: ExpressibleByArgument {}
