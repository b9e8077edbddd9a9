/// One user's value behind a result row, kept so that significance can be recomputed
/// when two runs are compared. Stored one JSON object per line in `per_user.jsonl`.
public struct PerUserRecord: Hashable, Sendable, Codable {
    /// The scenario's name.
    public var scenario: String
    /// The protocol.
    public var protocolName: String
    /// The model.
    public var model: String
    /// The cell's seed.
    public var seed: UInt64
    /// The segment.
    public var segment: String
    /// The support size K, or `nil`.
    public var shots: Int?
    /// The window, or `nil`.
    public var window: Int?
    /// The metric's name.
    public var metric: String
    /// The user's id.
    public var user: UInt32
    /// The user's value.
    public var value: Double

    /// Creates a record.
    public init(
        scenario: String, protocolName: String, model: String, seed: UInt64, segment: String,
        shots: Int?, window: Int?, metric: String, user: UInt32, value: Double
    ) {
        self.scenario = scenario
        self.protocolName = protocolName
        self.model = model
        self.seed = seed
        self.segment = segment
        self.shots = shots
        self.window = window
        self.metric = metric
        self.user = user
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case scenario, protocolName = "protocol", model, seed, segment, shots, window, metric, user, value
    }
}
