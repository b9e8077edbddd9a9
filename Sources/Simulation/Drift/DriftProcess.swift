/// One drift process of a world: how preferences, interests or the catalog change
/// over the clock. A world composes any number of them (`world.drift`, a list).
public enum DriftProcess: Hashable, Sendable {
    /// Users' preferences follow a mean-reverting random walk.
    case gradual(GradualDriftConfig)
    /// A share of users switch to another archetype at one moment.
    case sudden(SuddenDriftConfig)
    /// Interest in each category, genre or topic rises and falls with a period.
    case periodic(PeriodicDriftConfig)
    /// Interest in each category, genre or topic wanders in slow waves.
    case trend(TrendDriftConfig)
    /// Bursts (breaking news, viral moments) lift one category, genre or topic for a while.
    case burst(BurstDriftConfig)
    /// Items arrive and expire during the clock.
    case churn(ItemChurnConfig)
    /// Preferences are pulled toward what users consume.
    case reinforcement(ReinforcementConfig)

    /// The `kind` names scenario files use, in the order above.
    public static let kinds = ["gradual", "sudden", "periodic", "trend", "burst", "churn", "reinforcement"]

    /// This process's `kind` name.
    public var kind: String {
        switch self {
        case .gradual: return "gradual"
        case .sudden: return "sudden"
        case .periodic: return "periodic"
        case .trend: return "trend"
        case .burst: return "burst"
        case .churn: return "churn"
        case .reinforcement: return "reinforcement"
        }
    }

    /// The day the process starts acting (for a sudden switch: the day it happens).
    public var startDay: Double {
        switch self {
        case let .gradual(config): return config.startDay
        case let .sudden(config): return config.atDay
        case let .periodic(config): return config.startDay
        case let .trend(config): return config.startDay
        case let .burst(config): return config.startDay
        case .churn: return 0
        case let .reinforcement(config): return config.startDay
        }
    }
}
