import Foundation
import Reporting

/// The cached form of a cell: per-user values are stored as columns, one block per run of
/// records that share everything but the user and the value, instead of one keyed object
/// per record; each column is the base64 of its little-endian bytes (users `UInt32`, values
/// the `Double`'s bits), so that values read back bit for bit without parsing numbers. A
/// cell holds tens of thousands of per-user values; decoding them as objects, then as JSON
/// number arrays, made a cached re-run of the default suite spend most of its time in the
/// JSON decoder.
extension CellOutcome: Codable {
    /// Records that differ only in user and value.
    private struct PerUserBlock: Codable {
        let coordinates: ResultCoordinates
        var users: [UInt32]
        var values: [Double]

        init(coordinates: ResultCoordinates, users: [UInt32], values: [Double]) {
            self.coordinates = coordinates
            self.users = users
            self.values = values
        }

        var records: [PerUserRecord] {
            zip(users, values).map { PerUserRecord(coordinates: coordinates, user: $0, value: $1) }
        }

        private enum CodingKeys: String, CodingKey {
            case coordinates, users, values
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            coordinates = try container.decode(ResultCoordinates.self, forKey: .coordinates)
            users = try Self.column(container, .users, as: UInt32.self).map { UInt32(littleEndian: $0) }
            values = try Self.column(container, .values, as: UInt64.self).map {
                Double(bitPattern: UInt64(littleEndian: $0))
            }
            guard users.count == values.count else {
                throw DecodingError.dataCorruptedError(
                    forKey: .values, in: container, debugDescription: "\(users.count) users but \(values.count) values")
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(coordinates, forKey: .coordinates)
            try container.encode(Self.base64(users.map(\.littleEndian)), forKey: .users)
            try container.encode(Self.base64(values.map(\.bitPattern.littleEndian)), forKey: .values)
        }

        /// The base64 of `column`'s bytes.
        private static func base64<Element: FixedWidthInteger>(_ column: [Element]) -> String {
            column.withUnsafeBytes { Data($0) }.base64EncodedString()
        }

        /// The integers whose bytes the base64 string at `key` holds.
        private static func column<Element: FixedWidthInteger>(
            _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, as _: Element.Type
        ) throws -> [Element] {
            guard let bytes = Data(base64Encoded: try container.decode(String.self, forKey: key)),
                bytes.count % MemoryLayout<Element>.size == 0
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "not a base64 column of \(Element.self)")
            }
            return bytes.withUnsafeBytes { raw in
                (0..<bytes.count / MemoryLayout<Element>.size).map {
                    raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<Element>.size, as: Element.self)
                }
            }
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
