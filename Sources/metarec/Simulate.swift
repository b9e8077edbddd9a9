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
                throw InputError(file: file, field: "dataset", message: "simulate generates a simulated world; this scenario names a real dataset")
            }
            try ReportBundle.prepare(URL(fileURLWithPath: out))
            let world = config.generate(seed: seed ?? spec.seeds[0], threads: threads)
            if !quiet { FileHandle.standardError.write(Data((Self.report(world) + "\n").utf8)) }
            let directory = URL(fileURLWithPath: out)
            let written: [URL]
            do {
                written = try write(world, name: spec.name, to: directory)
            } catch let error as any UserFacingError {
                throw error
            } catch {
                throw InputError(file: out, message: "cannot write the world: \(ReportError.reason(for: error))")
            }
            if !quiet {
                for url in written { print("wrote \(url.path)") }
            }
        }

        // MARK: - Writing

        /// Writes every file into a scratch directory beside the target, then renames
        /// each into place, so an interrupted run leaves no half-written file.
        private func write(_ world: World, name: String, to directory: URL) throws -> [URL] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let scratch = directory.appendingPathComponent(".simulate-\(ProcessInfo.processInfo.processIdentifier).tmp")
            try? FileManager.default.removeItem(at: scratch)
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            var files = [URL]()
            switch format {
            case .recbole: files += try world.writeRecBole(to: scratch, name: name)
            case .csv: files += try world.writeCSV(to: scratch)
            case .summary: break
            }
            files.append(try world.writeShiftEvents(to: scratch))
            let summaryURL = scratch.appendingPathComponent("summary.json")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try encoder.encode(world.summary()).write(to: summaryURL)
            files.append(summaryURL)
            return try files.map { temporary in
                let target = directory.appendingPathComponent(temporary.lastPathComponent)
                guard rename(temporary.path, target.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
                return target
            }
        }

        /// One line on how the world came about (the benchmark in `Benchmarks/Simulation` reads it).
        static func report(_ world: World) -> String {
            let generation = world.generation
            let choicesPerSecond = generation.behaviourProcessorSeconds > 0
                ? Double(world.log.choiceCount) / generation.behaviourProcessorSeconds : 0
            return String(
                format: "%@ world: %d users, %d items, %d interactions, %d logged choices, %d slates; "
                    + "generated in %.2f s (%.2f processor s; behaviour %.2f s, %.2f processor s; %d threads); "
                    + "%.3f M slates and %.3f M logged choices per processor second; %.1f bytes per stored choice",
                world.family.rawValue, world.dataset.userCount, world.dataset.itemCount, world.dataset.interactions.count,
                world.log.choiceCount, generation.slatesShown, generation.totalSeconds, generation.totalProcessorSeconds,
                generation.behaviourSeconds,
                generation.behaviourProcessorSeconds, generation.threads, generation.slatesPerProcessorSecond / 1e6,
                choicesPerSecond / 1e6, world.log.bytesPerChoice(dataset: world.dataset)
            )
        }
    }
}

extension WorldExportFormat: ExpressibleByArgument {}
