import Reporting

/// The cached form of a cell: per-user values are stored as columns, one block per run of
/// records that share everything but the user and the value, instead of one keyed object
/// per record. A cell holds tens of thousands of per-user values; decoding them as objects
/// made a cached re-run of the default suite spend most of its time in the JSON decoder.
extension CellOutcome: Codable {
    /// Records that differ only in user and value.
    private struct PerUserBlock: Codable {
        let coordinates: ResultCoordinates
        var users: [UInt32]
        var values: [Double]

        var records: [PerUserRecord] {
            zip(users, values).map { PerUserRecord(coordinates: coordinates, user: $0, value: $1) }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case rows
        case perUser = "per_user"
        case drift, onboarding, timing
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rows = try container.decode([ResultRow].self, forKey: .rows)
        perUser = try container.decode([PerUserBlock].self, forKey: .perUser).flatMap(\.records)
        drift = try container.decode([DriftFigure].self, forKey: .drift)
        onboarding = try container.decodeIfPresent([OnboardingFigure].self, forKey: .onboarding) ?? []
        timing = try container.decode(ResultHeader.CellTiming.self, forKey: .timing)
    }

    func encode(to encoder: any Encoder) throws {
        var blocks = [PerUserBlock]()
        for record in perUser {
            if let last = blocks.indices.last, blocks[last].coordinates == record.coordinates {
                blocks[last].users.append(record.user)
                blocks[last].values.append(record.value)
            } else {
                blocks.append(
                    PerUserBlock(coordinates: record.coordinates, users: [record.user], values: [record.value]))
            }
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(blocks, forKey: .perUser)
        try container.encode(drift, forKey: .drift)
        try container.encode(onboarding, forKey: .onboarding)
        try container.encode(timing, forKey: .timing)
    }
}
