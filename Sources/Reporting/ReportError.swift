import Foundation
import RecData

/// A report could not be read or written.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A results file could not be read.
    case unreadableResults(path: String, reason: String)
    /// A report file could not be written.
    case writeFailed(path: String, reason: String)
    /// A `per_user.jsonl` does not hold the values behind the `results.json` beside it.
    case mismatchedPerUser(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableResults(path, reason): return "\(path): \(reason)"
        case let .writeFailed(path, reason): return "\(path): could not write: \(reason)"
        case let .mismatchedPerUser(path, reason): return "\(path): does not belong to the results beside it: \(reason)"
        }
    }

    /// A one-line reason for a file-system error (`No space left on device`), without
    /// Foundation's error dump.
    public static func reason(for error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.underlying as? POSIXError {
            return String(cString: strerror(underlying.code.rawValue))
        }
        if let error = error as? POSIXError { return String(cString: strerror(error.code.rawValue)) }
        if let error = error as? CocoaError {
            return error.code == .fileWriteOutOfSpace ? "no space left on the device" : error.localizedDescription
        }
        return "\(error)"
    }
}

extension ReportError: UserFacingError {
    /// The file that could not be read or written (with its line, when the reason names one).
    public var faultFile: String? {
        switch self {
        case let .unreadableResults(path, _), let .writeFailed(path, _), let .mismatchedPerUser(path, _): return path
        }
    }
}
