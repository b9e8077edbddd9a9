import Foundation
import RecData

/// How to start an external model: the command, where it runs, and how long it may take
/// to answer.
public struct ExternalModelConfig: Hashable, Sendable {
    /// The command as written (`[python3, my_model.py]`), for messages.
    public let command: [String]
    /// The absolute path of the executable the command's first word names.
    public let executable: String
    /// The directory the process runs in; relative paths in the command are resolved
    /// against it (a scenario file's own directory).
    public let workingDirectory: String
    /// Seconds the process may take to answer one message or to accept one line.
    public let timeout: Double

    /// Creates a configuration, resolving the executable: a word with a `/` is a path
    /// relative to `workingDirectory`, any other word is looked up in `PATH`.
    ///
    /// - Throws: ``ExternalModelConfigError`` when the command is empty, the executable
    ///   cannot be found, or the timeout is not positive.
    public init(command: [String], workingDirectory: String, timeout: Double) throws(ExternalModelConfigError) {
        guard let first = command.first, !first.isEmpty else { throw .emptyCommand }
        guard timeout > 0, timeout.isFinite else { throw .invalidTimeout(timeout) }
        guard let executable = Self.resolve(first, in: workingDirectory) else { throw .executableNotFound(first) }
        self.command = command
        self.executable = executable
        self.workingDirectory = workingDirectory
        self.timeout = timeout
    }

    /// The arguments after the executable.
    public var arguments: [String] { Array(command.dropFirst()) }

    /// The command as one line, for messages.
    public var commandLine: String { command.joined(separator: " ") }

    // MARK: - Resolution

    /// The executable `word` names, as an absolute path, or `nil` when there is none.
    static func resolve(_ word: String, in directory: String) -> String? {
        let manager = FileManager.default
        if word.contains("/") {
            let path =
                word.hasPrefix("/")
                ? word : URL(fileURLWithPath: directory).appendingPathComponent(word).standardized.path
            return manager.isExecutableFile(atPath: path) ? path : nil
        }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let path = URL(fileURLWithPath: String(folder)).appendingPathComponent(word).path
            if manager.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// Why an ``ExternalModelConfig`` cannot be made.
public enum ExternalModelConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The command has no words.
    case emptyCommand
    /// The command's first word names no executable file.
    case executableNotFound(String)
    /// The timeout is zero, negative or not finite.
    case invalidTimeout(Double)

    public var description: String {
        switch self {
        case .emptyCommand:
            return "the command is empty; give the program and its arguments, e.g. [python3, my_model.py]"
        case let .executableNotFound(word):
            return word.contains("/")
                ? "'\(word)' is not an executable file"
                : "'\(word)' is not an executable on PATH"
        case let .invalidTimeout(value):
            return "the timeout must be a positive number of seconds, found \(value)"
        }
    }
}

extension ExternalModelConfigError: UserFacingError {}
