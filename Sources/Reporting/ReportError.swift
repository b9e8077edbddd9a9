/// A report could not be read or written.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A results file could not be read.
    case unreadableResults(path: String, reason: String)
    /// A report file could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableResults(path, reason): return "\(path): \(reason)"
        case let .writeFailed(path, reason): return "\(path): could not write: \(reason)"
        }
    }
}
