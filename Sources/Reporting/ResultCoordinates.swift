/// Where a value sits in a run's results: the cell, the protocol's point (K, window or round), the
/// segment and the metric. Result rows and per-user records share it, so a per-user value
/// is matched to its row by equal coordinates.
public struct ResultCoordinates: Hashable, Sendable, Codable {
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
    /// The round, from 1 (onboarding), or `nil`.
    public var round: Int?
    /// The metric's name (`ndcg@10`).
    public var metric: String

    /// Creates coordinates.
    public init(
        scenario: String, protocolName: String, model: String, seed: UInt64, segment: String,
        shots: Int?, window: Int?, round: Int? = nil, metric: String
    ) {
        self.scenario = scenario
        self.protocolName = protocolName
        self.model = model
        self.seed = seed
        self.segment = segment
        self.shots = shots
        self.window = window
        self.round = round
        self.metric = metric
    }

    enum CodingKeys: String, CodingKey {
        case scenario
        case protocolName = "protocol"
        case model, seed, segment, shots, window, round, metric
    }

    /// Encodes every key into the encoder's keyed container, which the row or record
    /// holding these coordinates shares, writing `null` for an absent K, window or round.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(protocolName, forKey: .protocolName)
        try container.encode(model, forKey: .model)
        try container.encode(seed, forKey: .seed)
        try container.encode(segment, forKey: .segment)
        try container.encode(shots, forKey: .shots)
        try container.encode(window, forKey: .window)
        try container.encode(round, forKey: .round)
        try container.encode(metric, forKey: .metric)
    }
}
