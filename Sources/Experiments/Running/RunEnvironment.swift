import Foundation
import Learning
import Reporting

/// Describes what a run ran on beside the machine (`ResultHeader.Host.current`): the native
/// libraries and the source revision.
enum RunEnvironment {
    /// Versions of the native libraries.
    static var libraries: [String: String] {
        ["libxlsxwriter": XlsxReport.libraryVersion, "openblas": BLAS.configuration]
    }

    /// The commit being evaluated: `GITHUB_SHA` or `CI_COMMIT_SHA` when CI sets them,
    /// else `git rev-parse HEAD` in the current directory; `nil` when neither is known.
    static var gitCommit: String? {
        let environment = ProcessInfo.processInfo.environment
        if let sha = environment["GITHUB_SHA"] ?? environment["CI_COMMIT_SHA"], !sha.isEmpty { return sha }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let commit = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return commit.isEmpty ? nil : commit
    }
}
