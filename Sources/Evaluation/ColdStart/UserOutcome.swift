import RecData

/// One evaluated user's figures at one support size.
struct UserOutcome: Sendable {
    /// The user.
    let user: UserID
    /// Per-user values of the full-catalog ranking and of rating predictions, by metric.
    var values: [Metric: Double] = [:]
    /// The full-catalog top list, for the list-level metrics.
    var topList: [ItemID] = []
    /// Per-user ranking values under each sampled ranking, by metric.
    var sampled: [SampledRanking: [Metric: Double]] = [:]
    /// Wall time of scoring the candidates, in seconds, when the metrics needed scores.
    var scoringSeconds: Double?
}
