import RecData

/// Two result sets that cannot be compared, and why.
public struct ComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, naming what differs.
    public let reason: String

    /// Creates an error.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "results cannot be compared: \(reason)" }
}

extension ComparisonError: UserFacingError {}
