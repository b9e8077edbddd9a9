import Foundation

/// Scratch files and directories for tests, all under one folder per test process that is
/// removed when the process exits, so a test run leaves nothing behind in the system's
/// temporary directory.
///
/// The folder is `metarec-tests-<process id>` in the temporary directory; `.ci/run` checks
/// that none is left after the tests.
public enum Scratch {
    /// The folder of this process's scratch files, created on first use; its removal at
    /// exit is registered at the same time.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "metarec-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { Scratch.removeRoot() }
        return url
    }()

    /// A new, empty directory whose name starts with `prefix`.
    public static func directory(_ prefix: String) -> URL {
        let url = file(prefix)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A path that does not exist yet, named `prefix`, a unique part and `suffix` (an
    /// extension with its dot, or nothing).
    public static func file(_ prefix: String, suffix: String = "") -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }

    /// Removes the process's scratch folder and everything in it.
    static func removeRoot() {
        try? FileManager.default.removeItem(at: root)
    }
}
