import RecData

/// Settings of a sudden shift: at one moment a share of users switch their leading
/// archetype for another, as when a life event changes what someone buys or watches.
public struct SuddenDriftConfig: Hashable, Sendable {
    /// The day the switch happens (`at_day`, required).
    public var atDay: Double = 30
    /// Share of users who switch, in `[0, 1]` (`share`, default 0.2).
    public var share: Double = 0.2

    /// Creates settings for a switch on day `atDay`.
    public init(atDay: Double = 30, share: Double = 0.2) {
        self.atDay = atDay
        self.share = share
    }
}

/// A compiled sudden switch.
///
/// Who switches, and to which archetype, comes from the user's own stream, so the
/// oracle can re-derive it for any user without storing it.
struct SuddenDrift: Sendable {
    /// Clock second of the switch.
    let time: Int64
    /// Share of users switching.
    let share: Double
    /// Root of the per-user streams.
    let random: RandomSource

    init(config: SuddenDriftConfig, random: RandomSource) {
        time = WorldClock.seconds(days: config.atDay)
        share = config.share
        self.random = random
    }

    /// When `user` switches, the archetype (other than their current leader, counted
    /// among the remaining `archetypes − 1`) they switch to; `nil` when they do not.
    func switchChoice(of user: Int, archetypes: Int) -> Int? {
        var stream = random.stream(UInt64(user))
        guard stream.nextUnit() < share, archetypes > 1 else { return nil }
        return stream.nextIndex(below: archetypes - 1)
    }
}
