import RecData

/// A recorded shift of the world: when a drift process acted, on what, and how strongly.
///
/// Reports use these to mark shifts on time axes; the drift protocol uses them to
/// place evaluation windows around a shift.
public struct ShiftEvent: Hashable, Sendable, Codable {
    /// What kind of shift.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Preferences start drifting gradually (an interval event).
        case gradual
        /// Some users switch archetype at ``ShiftEvent/start`` (a point event).
        case sudden
        /// Group interest starts oscillating (an interval event).
        case periodic
        /// Group interest starts wandering (an interval event).
        case trend
        /// One group is lifted for a while (an interval event).
        case burst
        /// Items arrive and expire (an interval event).
        case churn
        /// Consumption starts pulling preferences (an interval event).
        case reinforcement
    }

    /// The kind of shift.
    public let kind: Kind
    /// When it starts, in clock seconds.
    public let start: Int64
    /// When it ends, in clock seconds (equal to ``start`` for a point event).
    public let end: Int64
    /// The category, genre or topic it concerns, for group-level shifts.
    public let group: Int?
    /// The users it concerns, for user-level point shifts (sudden switches), ascending.
    public let users: [UserID]
    /// Its strength in the process's own units (walk strength, share switched, amplitude, lift, …).
    public let magnitude: Double
    /// A one-line human description.
    public let summary: String

    /// Creates an event.
    public init(
        kind: Kind, start: Int64, end: Int64, group: Int? = nil, users: [UserID] = [], magnitude: Double,
        summary: String
    ) {
        self.kind = kind
        self.start = start
        self.end = end
        self.group = group
        self.users = users
        self.magnitude = magnitude
        self.summary = summary
    }
}
