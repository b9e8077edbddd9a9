/// How long a metric took to come back after a shift.
public enum Recovery: Hashable, Sendable, CustomStringConvertible {
    /// Back to the recovery threshold this many windows after the shift window (0 when it
    /// never fell below it).
    case windows(Int)
    /// Still below the threshold when the curve (or the next shift) ends.
    case notRecovered

    /// `3 windows` or `not recovered`.
    public var description: String {
        switch self {
        case let .windows(count): return count == 1 ? "1 window" : "\(count) windows"
        case .notRecovered: return "not recovered"
        }
    }
}
