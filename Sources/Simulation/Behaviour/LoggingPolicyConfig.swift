/// The logging policy: how the system that produced the log chose what to show.
///
/// Every slot of a slate is filled by one of three strategies, picked at random with
/// these shares (they sum to 1). Logged data therefore carries the exposure bias of
/// this policy, as real logs carry the bias of the production recommender.
public struct LoggingPolicyConfig: Hashable, Sendable {
    /// Share of slots filled by popularity: an item drawn with probability proportional
    /// to its power-law popularity weight (`logging_policy.popularity`, default 0.7).
    public var popularity: Double = 0.7
    /// Share of slots filled uniformly at random from the available items
    /// (`logging_policy.random`, default 0.2).
    public var random: Double = 0.2
    /// Share of slots filled by long-tail exploration: uniformly from the less popular
    /// half of the available items (`logging_policy.exploration`, default 0.1).
    public var exploration: Double = 0.1

    /// Creates the default policy.
    public init() {}

    /// Creates a policy from its three shares.
    public init(popularity: Double, random: Double, exploration: Double) {
        self.popularity = popularity
        self.random = random
        self.exploration = exploration
    }
}
