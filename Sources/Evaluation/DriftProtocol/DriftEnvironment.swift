import RecData

/// A moment at which the world's preferences or catalog shift.
public struct DriftShiftEvent: Hashable, Sendable {
    /// When it starts, in the dataset's clock.
    public let time: Int64
    /// What happens (`sudden: 30 % of users switch archetype`).
    public let label: String

    /// Creates an event.
    public init(time: Int64, label: String) {
        self.time = time
        self.label = label
    }
}

/// The world the drift and onboarding protocols serve slates in: it knows what can be
/// shown, what users truly want at each moment, and how they answer a slate.
///
/// Evaluation does not know simulated worlds; Experiments adapts a simulated world's
/// time-aware oracle to this protocol.
public protocol DriftEnvironment: Sendable {
    /// The end of the world's clock.
    var clockEnd: Int64 { get }
    /// The shifts the world recorded, in time order.
    var shiftEvents: [DriftShiftEvent] { get }
    /// The items that can be shown at `time`.
    func candidates(at time: Int64) -> [ItemID]
    /// The true utilities of `items` for `user` at `time`.
    func utilities(user: UserID, items: [ItemID], at time: Int64) -> [Double]
    /// The probability that `user`, shown `slate` at `time`, picks one of its items.
    func acceptance(user: UserID, slate: [ItemID], at time: Int64) -> Double
    /// `user`'s answer to `slate` at `time`: the interaction it produces, or `nil` when the
    /// user picks nothing (or the pick leaves no logged feedback).
    func respond(user: UserID, slate: [ItemID], at time: Int64, random: inout RandomSource) -> Interaction?
}
