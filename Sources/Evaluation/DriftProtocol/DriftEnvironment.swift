import RecData

/// A moment at which the world's preferences or catalog shift.
public struct DriftShiftEvent: Hashable, Sendable {
    /// When it starts, in the dataset's clock.
    public let time: Int64
    /// What happens (`sudden: 30 % of users switch archetype`).
    public let label: String
    /// Whether it is an event or a continuous process.
    public let change: Change

    /// How a shift changes the world over time.
    public enum Change: Hashable, Sendable {
        /// A sudden switch: an event, measured for its dip and recovery.
        case sudden
        /// A burst lifting a group of items by `lift`: an event when the lift is at least
        /// ``DriftConfig/eventBurstLift``, else part of the continuous background.
        case burst(lift: Double)
        /// A continuous process (gradual walk, trend, periodic interest, churn,
        /// reinforcement): reported as the slope of the gap to the oracle, not as a dip.
        case continuous
    }

    /// Creates a shift.
    public init(time: Int64, label: String, change: Change = .sudden) {
        self.time = time
        self.label = label
        self.change = change
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
    /// The probability that `user`, shown `slate` at `time`, answers with an interaction
    /// ``respond(user:slate:at:random:)`` would return: by the same response chain (pick,
    /// then purchase or rating where the world has them) as a model's hit.
    func acceptance(user: UserID, slate: [ItemID], at time: Int64) -> Double
    /// `user`'s answer to `slate` at `time`: the interaction it produces, or `nil` when the
    /// user picks nothing (or the pick leaves no logged feedback).
    func respond(user: UserID, slate: [ItemID], at time: Int64, random: inout RandomSource) -> Interaction?
}
