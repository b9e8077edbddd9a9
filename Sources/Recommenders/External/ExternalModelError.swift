/// A failure of an external model process, told with everything needed to find its cause:
/// what the toolkit sent last, what came back, how the process ended and the last lines
/// of its standard error.
public struct ExternalModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Fault: Hashable, Sendable {
        /// The process could not be started.
        case launchFailed(reason: String)
        /// The process closed its output or exited instead of answering.
        case exited
        /// No answer came, or no line was accepted, within the timeout; the process was killed.
        case timedOut(seconds: Double)
        /// The answer is not a JSON object.
        case notJSON(reason: String)
        /// The answer's `type` is not the one the message calls for.
        case unexpectedReply(expected: String, received: String)
        /// The answer lacks a field or has one of the wrong kind.
        case malformedReply(reason: String)
        /// The model answered `{"type": "error"}`.
        case reportedError(message: String)
        /// The model speaks another version of the protocol.
        case versionMismatch(toolkit: Int, model: Int)
        /// A `scores` answer holds a different number of scores than items asked for.
        case wrongScoreCount(expected: Int, received: Int)
        /// A `scores` answer holds NaN or an infinity.
        case nonFiniteScore(position: Int, value: String)
        /// `adapt` was called before `fit`.
        case notFitted
        /// The operating system failed the toolkit's side of the pipe.
        case systemFailure(reason: String)
    }

    /// The model's name in the scenario.
    public let model: String
    /// The command that started it.
    public let command: String
    /// What went wrong.
    public let fault: Fault
    /// The message the toolkit sent last (abridged), if any.
    public let sent: String?
    /// What came back (abridged): the answer, a partial line, or `nil` for nothing.
    public let received: String?
    /// How the process ended (`exited with status 1`) when it ended by itself; `nil` when
    /// it was still running and the toolkit killed it.
    public let exit: String?
    /// The last lines of the process's standard error.
    public let standardErrorTail: String

    /// Creates an error.
    public init(
        model: String, command: String, fault: Fault, sent: String? = nil, received: String? = nil,
        exit: String? = nil, standardErrorTail: String = ""
    ) {
        self.model = model
        self.command = command
        self.fault = fault
        self.sent = sent
        self.received = received
        self.exit = exit
        self.standardErrorTail = standardErrorTail
    }

    /// What went wrong, in words.
    public var summary: String {
        switch fault {
        case let .launchFailed(reason):
            return "the process could not be started: \(reason)"
        case .exited:
            return "the process \(exit ?? "closed its output") without answering"
        case let .timedOut(seconds):
            return "no answer within the timeout of \(Self.format(seconds)) s; the process was killed"
        case let .notJSON(reason):
            return "the answer is not a JSON message (\(reason)); print logs to stderr, not stdout"
        case let .unexpectedReply(expected, received):
            return "expected a '\(expected)' answer, received '\(received)'"
        case let .malformedReply(reason):
            return "malformed answer: \(reason)"
        case let .reportedError(message):
            return "the model reported an error: \(message)"
        case let .versionMismatch(toolkit, model):
            return "the model speaks protocol version \(model), this toolkit speaks version \(toolkit)"
        case let .wrongScoreCount(expected, received):
            return "\(received) scores for \(expected) items"
        case let .nonFiniteScore(position, value):
            return "score \(position) is \(value); scores must be finite numbers"
        case .notFitted:
            return "adapt was called before fit"
        case let .systemFailure(reason):
            return "system failure: \(reason)"
        }
    }

    /// The summary, then what was sent and received, how the process ended, and its
    /// standard error's last lines, each on its own indented line.
    public var description: String {
        var lines = ["external model '\(model)' (\(command)): \(summary)"]
        if let sent { lines.append("  sent: \(sent)") }
        if isExchangeFault {
            lines.append("  received: \(received ?? "nothing")")
        }
        if let exit, fault != .exited { lines.append("  process: \(exit)") }
        if !standardErrorTail.isEmpty {
            lines.append("  stderr (last lines):")
            lines += standardErrorTail.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// Whether the fault happened in an exchange with a running process (so that what
    /// came back is worth telling).
    private var isExchangeFault: Bool {
        switch fault {
        case .launchFailed, .notFitted: return false
        default: return true
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// `text` cut to about `limit` characters, saying how long it was.
    static func abridge(_ text: String, limit: Int = 300) -> String {
        guard text.count > limit else { return text }
        return "\(text.prefix(limit - 60))…\(text.suffix(40)) (\(text.utf8.count) bytes)"
    }
}
