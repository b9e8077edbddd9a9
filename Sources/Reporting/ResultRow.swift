/// One tidy result row: a metric's value for one model in one cell, at one K, window or round.
///
/// Every report is a pivot of these rows, so every report agrees with every other. The
/// coordinates' fields read as the row's own (`row.model`); in JSON they sit flat beside
/// the value.
@dynamicMemberLookup
public struct ResultRow: Hashable, Sendable, Codable {
    /// Where the value sits.
    public var coordinates: ResultCoordinates
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
        shots: Int?, window: Int?, round: Int? = nil, metric: String, value: Double, ciLow: Double, ciHigh: Double,
        n: Int
    ) {
        self.coordinates = ResultCoordinates(
            scenario: scenario, protocolName: protocolName, model: model, seed: seed, segment: segment,
            shots: shots, window: window, round: round, metric: metric
        )
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.n = n
    }

    /// A coordinate of the row (`row.scenario`, `row.shots`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ResultCoordinates, Value>) -> Value {
        get { coordinates[keyPath: keyPath] }
        set { coordinates[keyPath: keyPath] = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case value
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case n
    }

    /// Reads a flat row object.
    public init(from decoder: any Decoder) throws {
        coordinates = try ResultCoordinates(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(Double.self, forKey: .value)
        ciLow = try container.decode(Double.self, forKey: .ciLow)
        ciHigh = try container.decode(Double.self, forKey: .ciHigh)
        n = try container.decode(Int.self, forKey: .n)
    }

    /// Writes a flat row object, with `null` for an absent K, window or round.
    public func encode(to encoder: any Encoder) throws {
        try coordinates.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(ciLow, forKey: .ciLow)
        try container.encode(ciHigh, forKey: .ciHigh)
        try container.encode(n, forKey: .n)
    }
}
