import Evaluation

/// The check that a `per_user.jsonl` holds exactly the values behind a `results.json`.
extension ResultSet {
    /// Checks that `records` are the per-user values behind these rows: no record without
    /// a row, no user twice in one row, and for every metric that has per-user values at
    /// all, each row's user count equals its `n` and its users' mean equals its value. The
    /// validation users' rows (segment `validation`), which only choose the reference, and
    /// the transfer gaps (segment `gap`, a difference between two groups of users) have no
    /// per-user values.
    /// - Throws: ``ReportError/mismatchedPerUser(path:reason:)`` naming `file` and the first
    ///   mismatch.
    public func checkPerUser(_ records: [PerUserRecord], file: String) throws {
        var sums = [ResultCoordinates: (count: Int, sum: Double)]()
        var seen = Set<PerUserKey>()
        let rowsByCoordinates = Dictionary(rows.map { ($0.coordinates, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, record) in records.enumerated() {
            guard rowsByCoordinates[record.coordinates] != nil else {
                throw ReportError.mismatchedPerUser(
                    path: "\(file):\(index + 1)", reason: "no result row \(Self.describe(record.coordinates))")
            }
            guard seen.insert(PerUserKey(coordinates: record.coordinates, user: record.user)).inserted else {
                throw ReportError.mismatchedPerUser(
                    path: "\(file):\(index + 1)",
                    reason: "user \(record.user) appears twice in \(Self.describe(record.coordinates))"
                )
            }
            let entry = sums[record.coordinates] ?? (0, 0)
            sums[record.coordinates] = (entry.count + 1, entry.sum + record.value)
        }
        let perUserMetrics = Set(records.map(\.coordinates.metric))
        let without = [ColdStartProtocol.validationSegment, TransferProtocol.gapSegment]
        for row in rows where perUserMetrics.contains(row.metric) && !without.contains(row.segment) {
            let entry = sums[row.coordinates] ?? (0, 0)
            guard entry.count == row.n else {
                throw ReportError.mismatchedPerUser(
                    path: file,
                    reason: "\(entry.count) user(s) for \(Self.describe(row.coordinates)), whose row counts \(row.n)"
                )
            }
            guard entry.count > 0 else { continue }
            let mean = entry.sum / Double(entry.count)
            guard abs(mean - row.value) <= 1e-9 * max(1, abs(row.value)) else {
                throw ReportError.mismatchedPerUser(
                    path: file,
                    reason:
                        "the users' mean \(mean) differs from the row's value \(row.value) for \(Self.describe(row.coordinates))"
                )
            }
        }
    }

    private struct PerUserKey: Hashable {
        let coordinates: ResultCoordinates
        let user: UInt32
    }

    private static func describe(_ coordinates: ResultCoordinates) -> String {
        var text =
            "\(coordinates.scenario)/\(coordinates.protocolName)/\(coordinates.model) seed \(coordinates.seed) \(coordinates.segment) \(coordinates.metric)"
        if let shots = coordinates.shots { text += " K=\(shots)" }
        if let window = coordinates.window { text += " window \(window)" }
        return text
    }
}
