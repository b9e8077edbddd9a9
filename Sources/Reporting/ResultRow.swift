/// One tidy result row: a metric's value for one model in one cell, at one K or window.
///
/// Every report is a pivot of these rows, so every report agrees with every other.
public struct ResultRow: Hashable, Sendable, Codable {
    /// The scenario's name.
    public var scenario: String
    /// The protocol (`cold-start`).
    public var protocolName: String
    /// The model's name.
    public var model: String
    /// The seed of the cell.
    public var seed: UInt64
    /// The user segment (`all`).
    public var segment: String
    /// The support size K (cold start), or `nil`.
    public var shots: Int?
    /// The window index (drift), or `nil`.
    public var window: Int?
    /// The metric's name (`ndcg@10`).
    public var metric: String
    /// The mean over users.
    public var value: Double
    /// Lower end of the 95 % confidence interval.
    public var ciLow: Double
    /// Upper end of the 95 % confidence interval.
    public var ciHigh: Double
    /// The number of users behind the value.
    public var n: Int

    /// Creates a row.
    public init(
        scenario: String, protocolName: String, model: String, seed: UInt64, segment: String,
        shots: Int?, window: Int?, metric: String, value: Double, ciLow: Double, ciHigh: Double, n: Int
    ) {
        self.scenario = scenario
        self.protocolName = protocolName
        self.model = model
        self.seed = seed
        self.segment = segment
        self.shots = shots
        self.window = window
        self.metric = metric
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.n = n
    }

    enum CodingKeys: String, CodingKey {
        case scenario, protocolName = "protocol", model, seed, segment, shots, window, metric, value
        case ciLow = "ci_low", ciHigh = "ci_high", n
    }

    /// Encodes every key, writing `null` for an absent K or window.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(protocolName, forKey: .protocolName)
        try container.encode(model, forKey: .model)
        try container.encode(seed, forKey: .seed)
        try container.encode(segment, forKey: .segment)
        try container.encode(shots, forKey: .shots)
        try container.encode(window, forKey: .window)
        try container.encode(metric, forKey: .metric)
        try container.encode(value, forKey: .value)
        try container.encode(ciLow, forKey: .ciLow)
        try container.encode(ciHigh, forKey: .ciHigh)
        try container.encode(n, forKey: .n)
    }
}
