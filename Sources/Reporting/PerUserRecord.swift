/// One user's value behind a result row, kept so that significance can be recomputed
/// when two runs are compared. Stored one JSON object per line in `per_user.jsonl`
/// (written by `PerUserLineWriter`); the coordinates read as the record's own
/// fields (`record.metric`).
@dynamicMemberLookup
public struct PerUserRecord: Hashable, Sendable, Codable {
    /// The row the value belongs to.
    public var coordinates: ResultCoordinates
    /// The user's id.
    public var user: UInt32
    /// The user's value.
    public var value: Double

    /// Creates a record.
    public init(coordinates: ResultCoordinates, user: UInt32, value: Double) {
        self.coordinates = coordinates
        self.user = user
        self.value = value
    }

    /// Creates a record from its coordinates' fields.
    public init(
        scenario: String, protocolName: String, model: String, seed: UInt64, segment: String,
        shots: Int?, window: Int?, round: Int? = nil, metric: String, user: UInt32, value: Double
    ) {
        self.init(
            coordinates: ResultCoordinates(
                scenario: scenario, protocolName: protocolName, model: model, seed: seed, segment: segment,
                shots: shots, window: window, round: round, metric: metric
            ),
            user: user, value: value
        )
    }

    /// A coordinate of the record (`record.model`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ResultCoordinates, Value>) -> Value {
        get { coordinates[keyPath: keyPath] }
        set { coordinates[keyPath: keyPath] = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case user, value
    }

    /// Reads a flat record object; an absent K, window or round may be missing or `null`.
    public init(from decoder: any Decoder) throws {
        coordinates = try ResultCoordinates(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        user = try container.decode(UInt32.self, forKey: .user)
        value = try container.decode(Double.self, forKey: .value)
    }

    /// Writes a flat record object.
    public func encode(to encoder: any Encoder) throws {
        try coordinates.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user, forKey: .user)
        try container.encode(value, forKey: .value)
    }
}
