/// The summary of one model's per-round curve of one metric under the onboarding protocol,
/// in one seed and at one support size K: its mean, the oracle's curve, the cumulative
/// regret against the oracle and the round it first reached 90 % of the oracle's level,
/// with intervals over users.
public struct OnboardingFigure: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: String
    /// The model.
    public var model: String
    /// The seed.
    public var seed: UInt64
    /// The support size K.
    public var shots: Int
    /// The metric.
    public var metric: String
    /// Mean of the curve over the rounds.
    public var meanOverRounds: Double
    /// The oracle's level of the metric, round by round.
    public var oracleCurve: [Double]
    /// Per-user shortfall against the oracle summed over rounds, averaged over users (for
    /// `regret@k`, the cumulative regret).
    public var cumulativeRegret: Double
    /// Lower end of its 95 % interval over users.
    public var cumulativeRegretLow: Double
    /// Upper end of its 95 % interval over users.
    public var cumulativeRegretHigh: Double
    /// The first round (from 1) at 90 % of the oracle's level; `nil` when not reached or
    /// not defined (regret).
    public var roundsToReach: Int?
    /// Lower end of its 95 % interval over users (`nil`: not reached).
    public var roundsToReachLow: Int?
    /// Upper end of its 95 % interval over users (`nil`: not reached).
    public var roundsToReachHigh: Int?
    /// Whether the reach is defined for the metric (it is not for regret, whose oracle level is 0).
    public var hasReach: Bool

    /// Creates a figure.
    public init(
        scenario: String, model: String, seed: UInt64, shots: Int, metric: String, meanOverRounds: Double,
        oracleCurve: [Double],
        cumulativeRegret: Double, cumulativeRegretLow: Double, cumulativeRegretHigh: Double,
        roundsToReach: Int?, roundsToReachLow: Int?, roundsToReachHigh: Int?, hasReach: Bool
    ) {
        self.scenario = scenario
        self.model = model
        self.seed = seed
        self.shots = shots
        self.metric = metric
        self.meanOverRounds = meanOverRounds
        self.oracleCurve = oracleCurve
        self.cumulativeRegret = cumulativeRegret
        self.cumulativeRegretLow = cumulativeRegretLow
        self.cumulativeRegretHigh = cumulativeRegretHigh
        self.roundsToReach = roundsToReach
        self.roundsToReachLow = roundsToReachLow
        self.roundsToReachHigh = roundsToReachHigh
        self.hasReach = hasReach
    }

    enum CodingKeys: String, CodingKey {
        case scenario, model, seed, shots, metric
        case meanOverRounds = "mean_over_rounds"
        case oracleCurve = "oracle_curve"
        case cumulativeRegret = "cumulative_regret"
        case cumulativeRegretLow = "cumulative_regret_ci_low"
        case cumulativeRegretHigh = "cumulative_regret_ci_high"
        case roundsToReach = "rounds_to_90"
        case roundsToReachLow = "rounds_to_90_ci_low"
        case roundsToReachHigh = "rounds_to_90_ci_high"
        case hasReach = "has_reach"
    }

    /// `3 [2, 4]`, `not reached`, `4 [3, not reached]`; `–` when not defined.
    public var reachText: String {
        guard hasReach else { return "–" }
        let text = { (round: Int?) in round.map(String.init) ?? "not reached" }
        if roundsToReachLow == roundsToReach, roundsToReachHigh == roundsToReach { return text(roundsToReach) }
        return "\(text(roundsToReach)) [\(text(roundsToReachLow)), \(text(roundsToReachHigh))]"
    }

    /// `1.2345 [1.1000, 1.3000]`.
    public var cumulativeRegretText: String {
        "\(SeedAggregate.format(cumulativeRegret)) [\(SeedAggregate.format(cumulativeRegretLow)), \(SeedAggregate.format(cumulativeRegretHigh))]"
    }
}
