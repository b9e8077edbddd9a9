/// The summary of one model's per-round curve of one metric under the onboarding protocol,
/// at one support size K: the curve's mean, the oracle's curve, the cumulative shortfall
/// against the oracle and the round at which the model first reached 90 % of the oracle's
/// level, each with an interval over users.
public struct OnboardingSummary: Hashable, Sendable {
    /// The round at which a curve first reached a share of the oracle's level, with its
    /// 95 % percentile bootstrap interval over users; `nil` means not reached in the rounds
    /// served (an interval end of `nil` likewise).
    public struct Reach: Hashable, Sendable {
        /// The first round (1-based) at or above the share, or `nil`.
        public let round: Int?
        /// The lower end of the interval.
        public let low: Int?
        /// The upper end of the interval.
        public let high: Int?
    }

    /// The support size K.
    public let shots: Int
    /// The metric.
    public let metric: Metric
    /// Mean of the per-round values over the rounds.
    public let meanOverRounds: Double
    /// The oracle's level per round: the mean acceptance probability of its slates for
    /// `hr@k`, 1 for `oracle_ndcg@k` and `oracle_share@k`, 0 for `regret@k`.
    public let oracleCurve: [Double]
    /// The per-user sum over rounds of the shortfall against the oracle's slate (for
    /// `regret@k` the cumulative regret), averaged over users.
    public let cumulativeRegret: Double
    /// The lower end of its 95 % percentile bootstrap interval over users.
    public let cumulativeRegretLow: Double
    /// The upper end of that interval.
    public let cumulativeRegretHigh: Double
    /// When the curve first reached ``OnboardingProtocol/reachShare`` of the oracle's
    /// level; `nil` for metrics where lower is better (regret), whose oracle level is 0.
    public let reach: Reach?
}
