/// Settings of the drift protocol.
public struct DriftConfig: Hashable, Sendable {
    /// Number of evaluation windows (`protocols.drift.windows`).
    public var windows: Int = 8
    /// Share of the world's clock before the first window (`protocols.drift.warmup`): models
    /// learn from what was logged before it, and evaluation covers the rest.
    public var warmup: Double = 0.5
    /// Items recommended to each user in each window (`protocols.drift.slate_size`).
    public var slateSize: Int = 10
    /// Windows between refits on everything logged so far, 0 for never: models then adapt
    /// online only, through `observe` (`protocols.drift.retrain_every`).
    public var retrainEvery: Int = 0
    /// Most active test users served per window, drawn by seed (`protocols.drift.max_users`).
    public var maxUsersPerWindow: Int = 300
    /// User shares for meta-train, validation and test (`protocols.drift.split`).
    public var split = SplitFractions(train: 0.7, validation: 0.1, test: 0.2)
    /// Per-window metrics (`protocols.drift.metrics`). Against a simulated world `hr@k` is the
    /// share of served users who pick an item of their slate; `oracle_ndcg@k`,
    /// `oracle_share@k` and `regret@k` compare the slate with the oracle's best at that
    /// moment. Replaying a real log, ranking-accuracy metrics score each user's ranking
    /// against their interactions in the window.
    public var metrics: [Metric] = [.hitRate(k: 10), .oracleNDCG(k: 10), .regret(k: 10)]
    /// Bootstrap resamples for per-window intervals (`protocols.drift.bootstrap_resamples`).
    public var bootstrapResamples: Int = 500
    /// The smallest burst lift counted as an event, measured for its dip and recovery
    /// (`protocols.drift.event_burst_lift`); smaller bursts are continuous background.
    public var eventBurstLift: Double = 2

    /// Creates the default settings.
    public init() {}

    /// Whether `metric` can be measured per window when the protocol replays a real log:
    /// the ranking-accuracy metrics, against each user's interactions in the window.
    public static func supportsReplay(_ metric: Metric) -> Bool {
        metric.family == .rankingAccuracy
    }

    /// Whether `metric` can be measured per window against a simulated world.
    public static func supports(_ metric: Metric) -> Bool {
        ServedSlate.measures(metric)
    }
}
