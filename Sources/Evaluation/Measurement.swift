import RecData

/// One aggregated figure of one model in one cell: a metric at a support size, over users.
public struct Measurement: Hashable, Sendable {
    /// The protocol that produced it (`cold-start`).
    public let protocolName: String
    /// The user segment it covers (`all` for every evaluated user).
    public let segment: String
    /// The support-set size K, for the cold-start protocol.
    public let shots: Int?
    /// The window index, for the drift protocol.
    public let window: Int?
    /// The metric.
    public let metric: Metric
    /// The mean of the per-user values.
    public let value: Double
    /// Lower end of the 95 % bootstrap confidence interval.
    public let ciLow: Double
    /// Upper end of the 95 % bootstrap confidence interval.
    public let ciHigh: Double
    /// Per-user values, in ascending user order; their count is the row's `n`.
    public let perUser: [UserValue]

    /// Creates a measurement.
    public init(
        protocolName: String, segment: String, shots: Int?, window: Int?, metric: Metric,
        value: Double, ciLow: Double, ciHigh: Double, perUser: [UserValue]
    ) {
        self.protocolName = protocolName
        self.segment = segment
        self.shots = shots
        self.window = window
        self.metric = metric
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.perUser = perUser
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
