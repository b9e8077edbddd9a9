import RecData

/// One aggregated figure of one model in one cell: a metric at a support size, window or
/// round, over users.
public struct Measurement: Hashable, Sendable {
    /// The protocol that produced it (`cold-start`).
    public let protocolName: String
    /// The user segment it covers (`all` for every evaluated user).
    public let segment: String
    /// The support-set size K, for the cold-start protocol.
    public let shots: Int?
    /// The window index, for the drift protocol.
    public let window: Int?
    /// The round (1-based), for the onboarding protocol.
    public let round: Int?
    /// The metric.
    public let metric: Metric
    /// The mean of the per-user values, or the list-level statistic.
    public let value: Double
    /// Lower end of the 95 % confidence interval (bootstrap over users; jackknife for
    /// list-level metrics).
    public let ciLow: Double
    /// Upper end of the 95 % confidence interval.
    public let ciHigh: Double
    /// Per-user values, in ascending user order; empty for list-level metrics, which have none.
    public let perUser: [UserValue]
    /// The number of users behind the value: the per-user values' count, or for a
    /// list-level metric the users whose lists it was computed over.
    public let n: Int

    /// Creates a measurement; `n` defaults to the number of per-user values.
    public init(
        protocolName: String, segment: String, shots: Int?, window: Int?, round: Int? = nil, metric: Metric,
        value: Double, ciLow: Double, ciHigh: Double, perUser: [UserValue], n: Int? = nil
    ) {
        self.protocolName = protocolName
        self.segment = segment
        self.shots = shots
        self.window = window
        self.round = round
        self.metric = metric
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.perUser = perUser
        self.n = n ?? perUser.count
    }
}

/// One user's value of a metric.
public struct UserValue: Hashable, Sendable {
    /// The user.
    public let user: UserID
    /// Their value.
    public let value: Double

    /// Creates a user value.
    public init(user: UserID, value: Double) {
        self.user = user
        self.value = value
    }
}
