import Foundation
import TestSupport

/// Runs the built `metarec` executable and captures what it prints.
struct MetarecProcess {
    /// The outcome of one run.
    struct Outcome {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The package's root directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `metarec` binary beside the test bundle.
    static var executable: URL {
        let besideTests = Bundle.main.bundleURL.appendingPathComponent("metarec")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("metarec")
    }

    /// Runs `metarec` with `arguments` in the package root; with `shellSetup`, under
    /// `/bin/sh` after that command (say, `ulimit -v`).
    static func run(_ arguments: [String], shellSetup: String? = nil) throws -> Outcome {
        let process = Process()
        if let shellSetup {
            let quoted = ([executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\(shellSetup); exec \(quoted)"]
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> URL {
        Scratch.directory("metarec-e2e")
    }
}
