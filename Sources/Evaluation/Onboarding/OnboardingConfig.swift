/// Settings of the onboarding protocol (`protocols.onboarding`).
public struct OnboardingConfig: Hashable, Sendable {
    /// Support sizes K a test user arrives with (`protocols.onboarding.shots`).
    public var shots: [Int] = [0]
    /// Slates served to each test user, one per round (`protocols.onboarding.rounds`).
    public var rounds: Int = 10
    /// Items in each slate (`protocols.onboarding.slate_size`).
    public var slateSize: Int = 10
    /// User shares for meta-train, validation and test (`protocols.onboarding.split`).
    public var split = SplitFractions(train: 0.7, validation: 0.1, test: 0.2)
    /// Per-round metrics (`protocols.onboarding.metrics`): `hr@k` is the share of users who
    /// pick an item of the slate's top k; `oracle_ndcg@k`, `oracle_share@k` and `regret@k`
    /// compare the slate with the oracle's best unseen items at that moment.
    public var metrics: [Metric] = [.hitRate(k: 10), .oracleNDCG(k: 10), .regret(k: 10)]
    /// Bootstrap resamples for intervals over users (`protocols.onboarding.bootstrap_resamples`).
    public var bootstrapResamples: Int = 500

    /// Creates the default settings.
    public init() {}

    /// Whether `metric` can be measured per round.
    public static func supports(_ metric: Metric) -> Bool {
        ServedSlate.measures(metric)
    }
}
