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
            Reads the RecBole atomic files NAME.inter (and NAME.user, NAME.item when present) from the \
            --against directory, fits the family's activity, popularity, feedback, catalog and feature-share \
            parameters by simulating candidate worlds, and writes a scenario file that validate and run accept. \
            With --report DIR it writes calibration.md and calibration.xlsx: real and simulated statistics side \
            by side, with Kolmogorov–Smirnov distances for distributions and relative errors for scalars.
            """
        )

        @Option(help: "Directory holding the dataset's RecBole atomic files.")
        var against: String

        @Option(help: "The dataset's name: the files are NAME.inter, NAME.user and NAME.item.")
        var name: String

        @Option(help: "The world family to fit: \(WorldFamily.allCases.map(\.rawValue).joined(separator: ", ")).")
        var family: WorldFamily

        @Option(help: "The scenario file to write.")
        var out: String

        @Option(help: "Directory for calibration.md and calibration.xlsx (created if needed).")
        var report: String?

        @Option(name: .customLong("value-field"), help: "The .inter field holding ratings.")
        var valueField = "rating"

        @Flag(help: "Treat the interactions as implicit feedback, ignoring any rating field.")
        var implicit = false

        @Option(help: "Seed of the simulated worlds and of the written scenario.")
        var seed: UInt64 = 1

        @Option(help: "Worker threads for simulation (default: the number of cores); the result is the same for any count.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
            if !out.hasSuffix(".yaml"), !out.hasSuffix(".yml") { throw ValidationError("--out must name a .yaml file, got '\(out)'") }
        }

        func run() throws {
            let dataset = try loadDataset()
            let started = Date()
            let calibration: Calibration
            do {
                calibration = try Calibrator(family: family, seed: seed, threads: threads).calibrate(dataset)
            } catch let error as CalibrationError {
                throw InputError(file: RecBoleDataset.urls(in: URL(fileURLWithPath: against), name: name).interactions.path, message: error.message)
            }
            let seconds = Date().timeIntervalSince(started)
            try writeScenario(calibration)
            if let report { try Self.writeReport(calibration, to: URL(fileURLWithPath: report)) }
            if !quiet {
                FileHandle.standardError.write(Data(Self.summary(calibration, seconds: seconds).utf8))
                print("wrote \(out)")
                if let report { print("wrote \(report)/calibration.md and \(report)/calibration.xlsx") }
            }
        }

        // MARK: - Steps

        private func loadDataset() throws -> Dataset {
            let directory = URL(fileURLWithPath: against)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError(file: against, message: "no such directory")
            }
            let inter = RecBoleDataset.urls(in: directory, name: name).interactions
            guard FileManager.default.fileExists(atPath: inter.path) else {
                throw InputError(file: inter.path, message: "no such file: --against must hold \(name).inter")
            }
            do {
                return try RecBoleDataset.loadDataset(from: directory, name: name, valueField: implicit ? nil : valueField)
            } catch let error as RecBoleError {
                throw InputError(file: error.file, line: error.line, message: error.message)
            }
        }

        /// Writes the scenario atomically, then loads it back: a file the loader refuses
        /// is the toolkit's fault, reported as such.
        private func writeScenario(_ calibration: Calibration) throws {
            let url = URL(fileURLWithPath: out)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(Data(calibration.scenarioYAML().utf8), to: url)
            } catch {
                throw InputError(file: out, message: "cannot write the scenario: \(error)")
            }
            _ = try ScenarioLoader().load(out)
        }
    }
}

extension WorldFamily: ExpressibleByArgument {}
