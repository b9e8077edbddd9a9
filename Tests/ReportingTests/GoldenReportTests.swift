import Foundation
import Testing

@testable import Reporting

/// Reports of a fixed result set compared byte for byte with checked-in files in `Golden/`.
/// Run with `METAREC_UPDATE_GOLDEN=1` to rewrite them after an intended change, and review
/// the diff.
@Suite("Golden reports")
struct GoldenReportTests {
    private static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    /// The fixture with per-user values behind it: popularity beats random for every user, by
    /// varying margins.
    private static var results: ResultSet {
        let perUser = ["random", "popularity"].flatMap { model in
            ["ndcg@10", "mae"].flatMap { metric in
                (0..<12).map { user -> PerUserRecord in
                    let score = model == "popularity" ? 0.2 + Double(user % 4) * 0.01 : Double(user % 3) * 0.02
                    let value = metric == "mae" ? 1.0 - score : score
                    return PerUserRecord(
                        scenario: "toy", protocolName: "cold-start", model: model, seed: 1, segment: "all", shots: 5,
                        window: nil, metric: metric, user: UInt32(user), value: value)
                }
            }
        }
        // Validation figures, which the reference is chosen on: popularity is the stronger.
        let validation = [("random", 0.06), ("popularity", 0.21)].map { model, value in
            ResultRow(
                scenario: "toy", protocolName: "cold-start", model: model, seed: 1, segment: "validation", shots: 5,
                window: nil, metric: "ndcg@10", value: value, ciLow: value, ciHigh: value, n: 20
            )
        }
        let fixture = ReportFixtures.results
        return ResultSet(header: fixture.header, rows: fixture.rows + validation).testingSignificance(perUser: perUser)
    }

    private func check(_ text: String, against name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["METAREC_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text == expected, "\(name) differs from the golden file; rerun with METAREC_UPDATE_GOLDEN=1 if intended")
    }

    @Test("report.md")
    func markdown() throws {
        try check(MarkdownReport(Self.results).render(), against: "report.md")
    }

    @Test("JUnit XML and Markdown of the regression gate")
    func gate() throws {
        var candidate = Self.results
        candidate.rows = candidate.rows.map { row in
            var changed = row
            if row.model == "popularity", row.metric == "ndcg@10" { changed.value -= 0.05 }
            return changed
        }
        let gate = RegressionGate(tolerances: ToleranceSet()) { _ in 0.01 }
        let report = try gate.compare(
            baseline: .init(results: Self.results, perUser: nil), candidate: .init(results: candidate, perUser: nil))
        try check(report.junitXML(), against: "gate-junit.xml")
        try check(report.markdown(), against: "gate-summary.md")
    }

    @Test("A K-shot chart")
    func chart() throws {
        let chart = try #require(ReportCharts(Self.results).entries.first)
        try check(chart.chart.render(), against: "chart-ndcg.svg")
    }
}
