/// Settings of reinforcement: each consumption pulls the user's preference toward the
/// consumed item's hidden vector, `p ← p + strength · (v − p)` — the feedback loop
/// through which recommendations shape tastes (Jiang et al., "Degenerate feedback loops
/// in recommender systems", AIES 2019).
public struct ReinforcementConfig: Hashable, Sendable {
    /// Fraction of the gap to the consumed item closed per consumption, in `[0, 1]`
    /// (`strength`, default 0.05).
    public var strength: Double = 0.05
    /// The day consumption starts to pull (`start_day`, default 0).
    public var startDay: Double = 0

    /// Creates the default settings.
    public init() {}
}
