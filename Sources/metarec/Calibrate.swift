import ArgumentParser
import Calibration
import Experiments
import Foundation
import RecData
import Reporting
import Simulation

extension MetaRec {
    /// `metarec calibrate`: fits a world family to a real dataset and writes the scenario.
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a world family's parameters to a real dataset and write the scenario.",
            discussion: """
                Reads a dataset from the --against directory — RecBole atomic files NAME.inter (and NAME.user, \
                NAME.item when present), or GroupLens' raw MovieLens 100K or 1M files (--format) — with every user \
                kept, fits the family's activity, popularity, feedback, catalog and feature-share \
                parameters by simulating candidate worlds, and writes a scenario file that validate and run accept. \
                With --report DIR it writes calibration.md and calibration.xlsx: real and simulated statistics side \
                by side, with Kolmogorov–Smirnov distances for distributions and relative errors for scalars.
                """
        )

        @Option(help: "Directory holding the dataset's files.")
        var against: String

        @Option(help: "The files' format: \(DatasetFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: DatasetFormat = .recbole

        @Option(help: "RecBole only: the dataset's name, the files being NAME.inter, NAME.user and NAME.item.")
        var name: String?

        @Option(help: "The world family to fit: \(WorldFamily.allCases.map(\.rawValue).joined(separator: ", ")).")
        var family: WorldFamily

        @Option(help: "The scenario file to write.")
        var out: String

        @Option(help: "Directory for calibration.md and calibration.xlsx (created if needed).")
        var report: String?

        @Option(name: .customLong("value-field"), help: "The .inter field holding ratings.")
        var valueField = "rating"

        @Option(
            name: .customLong("time-field"),
            help: "RecBole only: the .inter field holding times, or none for row order.")
        var timeField = "timestamp"

        @Flag(help: "Treat the interactions as implicit feedback, ignoring any rating field.")
        var implicit = false

        @Option(help: "Seed of the simulated worlds and of the written scenario.")
        var seed: UInt64 = 1

        @Option(
            help: "Worker threads for simulation (default: the number of cores); the result is the same for any count.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
            if !out.hasSuffix(".yaml"), !out.hasSuffix(".yml") {
                throw ValidationError("--out must name a .yaml file, got '\(out)'")
            }
            if format == .recbole, name == nil {
                throw ValidationError("--name is required for RecBole files (NAME.inter, .user, .item)")
            }
        }

        func run() throws {
            let dataset = try loadDataset()
            let started = Date()
            let calibration: Calibration
            do {
                calibration = try Calibrator(family: family, seed: seed, threads: threads).calibrate(dataset)
            } catch let error as CalibrationError {
                throw InputError(file: source.files.first ?? against, message: error.message)
            }
            let seconds = Date().timeIntervalSince(started)
            try writeScenario(calibration)
            if let report { try writeReport(calibration, to: report) }
            if !quiet {
                FileHandle.standardError.write(Data(calibration.summary(seconds: seconds).utf8))
                print("wrote \(out)")
                if let report { print("wrote \(report)/calibration.md and \(report)/calibration.xlsx") }
            }
        }

        // MARK: - Steps

        /// The dataset's files as the importers read them, every user kept.
        private var source: DatasetSource {
            var source = DatasetSource(format: format, directory: URL(fileURLWithPath: against), name: name ?? "")
            source.roles.rating = implicit ? nil : valueField
            source.roles.timestamp = timeField == "none" ? nil : timeField
            source.activity = nil
            return source
        }

        private func loadDataset() throws -> Dataset {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: against, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw InputError(file: against, message: "no such directory")
            }
            return try source.load().dataset
        }

        /// Writes the scenario atomically, then loads it back: a file the loader refuses
        /// is the toolkit's fault, reported as such.
        private func writeScenario(_ calibration: Calibration) throws {
            let url = URL(fileURLWithPath: out)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(Data(calibration.scenarioYAML().utf8), to: url)
            } catch {
                throw InputError(file: out, message: "cannot write the scenario: \(error)")
            }
            _ = try ScenarioLoader().load(out)
        }

        /// Writes `calibration.md` and `calibration.xlsx` into `directory`.
        private func writeReport(_ calibration: Calibration, to path: String) throws {
            let directory = URL(fileURLWithPath: path)
            do {
                try CalibrationReport.write(calibration, to: directory)
            } catch {
                throw InputError(file: directory.path, message: "cannot write the calibration report: \(error)")
            }
        }
    }
}

extension WorldFamily: ExpressibleByArgument {}

extension DatasetFormat: ExpressibleByArgument {}
