import Foundation

/// A run's results: a header saying where they came from, and the tidy rows.
public struct ResultSet: Hashable, Sendable, Codable {
    /// The `results.json` format version this toolkit writes and reads.
    public static let schemaVersion = 1

    /// Where the results came from.
    public var header: ResultHeader
    /// The rows, in canonical order (scenario, protocol, model, seed, segment, K, window, round, metric).
    public var rows: [ResultRow]
    /// Paired tests of every model against its scenario's reference model.
    public var significance: Significance
    /// Summaries of the drift protocol's curves, per scenario, model, seed and metric.
    public var drift: [DriftFigure]
    /// Summaries of the onboarding protocol's curves, per scenario, model, seed, K and metric.
    public var onboarding: [OnboardingFigure]
    /// What the results answer first, per world and protocol (see ``Findings``).
    public var findings: Findings

    /// Creates a result set; rows are put into canonical order.
    public init(
        header: ResultHeader, rows: [ResultRow], significance: Significance = .none, drift: [DriftFigure] = [],
        onboarding: [OnboardingFigure] = [], findings: Findings = .none
    ) {
        self.header = header
        self.rows = ResultSet.canonicallySorted(rows)
        self.significance = significance
        self.drift = drift
        self.onboarding = onboarding
        self.findings = findings
    }

    /// The result set with its paired tests computed from `perUser` (see ``Significance``),
    /// and its findings from those tests and `perUser` (see ``Findings``).
    public func testingSignificance(perUser: [PerUserRecord]) -> ResultSet {
        var tested = self
        tested.significance = Significance(results: self, perUser: perUser)
        tested.findings = Findings(results: tested, perUser: perUser)
        return tested
    }

    enum CodingKeys: String, CodingKey {
        case header, rows, significance, drift, onboarding, findings
    }

    /// Decodes a result set; files without paired tests, drift or onboarding summaries or findings get none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        header = try container.decode(ResultHeader.self, forKey: .header)
        rows = try container.decode([ResultRow].self, forKey: .rows)
        significance = try container.decodeIfPresent(Significance.self, forKey: .significance) ?? .none
        drift = try container.decodeIfPresent([DriftFigure].self, forKey: .drift) ?? []
        onboarding = try container.decodeIfPresent([OnboardingFigure].self, forKey: .onboarding) ?? []
        findings = try container.decodeIfPresent(Findings.self, forKey: .findings) ?? .none
    }

    /// The canonical row order, which makes `results.json` independent of scheduling.
    public static func canonicalOrder(_ a: ResultRow, _ b: ResultRow) -> Bool {
        let left = (a.scenario, a.protocolName, a.model, a.seed, a.segment)
        let right = (b.scenario, b.protocolName, b.model, b.seed, b.segment)
        if left != right { return left < right }
        return (a.shots ?? -1, a.window ?? -1, a.round ?? -1, a.metric) < (
            b.shots ?? -1, b.window ?? -1, b.round ?? -1, b.metric
        )
    }

    /// `rows` in ``canonicalOrder(_:_:)``. Each row's names are replaced by their ranks
    /// among the distinct names first, so that sorting compares integers, not strings; the
    /// order is the same, since ranks order as the names do.
    static func canonicallySorted(_ rows: [ResultRow]) -> [ResultRow] {
        var names = Set<String>()
        for row in rows {
            for name in [row.scenario, row.protocolName, row.model, row.segment, row.metric] { names.insert(name) }
        }
        let rank = Dictionary(uniqueKeysWithValues: names.sorted().enumerated().map { ($1, $0) })
        let keys = rows.map { row in
            SortKey(
                scenario: rank[row.scenario]!, protocolName: rank[row.protocolName]!, model: rank[row.model]!,
                seed: row.seed, segment: rank[row.segment]!, shots: row.shots ?? -1, window: row.window ?? -1,
                round: row.round ?? -1, metric: rank[row.metric]!)
        }
        return rows.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
    }

    /// A row's place in ``canonicalOrder(_:_:)``, its names as ranks.
    private struct SortKey: Comparable {
        let scenario: Int, protocolName: Int, model: Int, seed: UInt64, segment: Int
        let shots: Int, window: Int, round: Int, metric: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            let left = (a.scenario, a.protocolName, a.model, a.seed, a.segment)
            let right = (b.scenario, b.protocolName, b.model, b.seed, b.segment)
            if left != right { return left < right }
            return (a.shots, a.window, a.round, a.metric) < (b.shots, b.window, b.round, b.metric)
        }
    }

    // MARK: - JSON

    /// The JSON encoding: pretty-printed with sorted keys, so equal results are equal bytes.
    /// A figure that is not finite — Cohen's d when every paired difference is the same —
    /// is written as the string `"inf"`, `"-inf"` or `"nan"` (JSON has no such numbers).
    public func jsonData() throws -> Data {
        try Self.jsonEncoder().encode(self)
    }

    /// The encoder of ``jsonData()``.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = Self.nonFiniteEncoding
        return encoder
    }

    /// How `results.json` spells numbers JSON cannot hold.
    private static let nonFiniteEncoding = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"
    )

    /// The reading counterpart of ``nonFiniteEncoding``.
    private static let nonFiniteDecoding = JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"
    )

    /// Reads a result set, refusing files whose schema version is newer than this toolkit's.
    public static func decode(_ data: Data, source: String) throws -> ResultSet {
        struct VersionProbe: Decodable {
            struct Header: Decodable {
                let schemaVersion: Int
                enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version" }
            }
            let header: Header
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = nonFiniteDecoding
        let version: Int
        do {
            version = try decoder.decode(VersionProbe.self, from: data).header.schemaVersion
        } catch {
            throw ReportError.unreadableResults(path: source, reason: "not a results file (\(describe(error)))")
        }
        guard version <= schemaVersion else {
            throw ReportError.unreadableResults(
                path: source,
                reason: "schema version \(version) is newer than this toolkit's \(schemaVersion); upgrade metarec"
            )
        }
        do {
            return try decoder.decode(ResultSet.self, from: data)
        } catch {
            throw ReportError.unreadableResults(path: source, reason: describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case let .keyNotFound(key, context):
            return "missing field '\(fieldPath(context.codingPath + [key]))'"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "wrong type at '\(fieldPath(context.codingPath))'"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty
                ? "invalid or truncated JSON" : "invalid value at '\(fieldPath(context.codingPath))'"
        @unknown default:
            return "\(decoding)"
        }
    }

    private static func fieldPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }
}
