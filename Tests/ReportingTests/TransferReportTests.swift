import Foundation
import TestSupport
import Testing

@testable import Reporting

@Suite("Reports: transfer to a shifted population")
struct TransferReportTests {
    /// The fixtures with a transfer protocol at K = 5: popularity's gap significant, random's not.
    private static var results: ResultSet {
        var results = ReportFixtures.results
        results.header.scenarios[0].transferNote = "archetype_mix: [0, 3, 0, 0]"
        let figures: [(String, String, Double, Double, Double)] = [
            ("popularity", "in-population", 0.30, 0.28, 0.32), ("popularity", "shifted", 0.10, 0.08, 0.12),
            ("popularity", "gap", 0.20, 0.17, 0.23),
            ("random", "in-population", 0.05, 0.04, 0.06), ("random", "shifted", 0.05, 0.04, 0.06),
            ("random", "gap", 0.00, -0.01, 0.01),
        ]
        for (model, segment, value, low, high) in figures {
            results.rows.append(
                ResultRow(
                    scenario: "toy", protocolName: "transfer", model: model, seed: 1, segment: segment, shots: 5,
                    window: nil,
                    metric: "ndcg@10", value: value, ciLow: low, ciHigh: high, n: 40
                ))
        }
        results.rows.sort(by: ResultSet.canonicalOrder)
        return results
    }

    @Test(
        "report.md has a Transfer section with both groups, the gap and its interval, significant gaps marked; the summary keeps to cold start"
    )
    func markdown() throws {
        let text = MarkdownReport(Self.results).render()
        #expect(text.contains("### toy: transfer to a shifted population at K = 5"))
        #expect(text.contains("Shifted population: archetype_mix: [0, 3, 0, 0]."))
        #expect(
            text.contains(
                "| popularity | 0.3000 [0.2800, 0.3200] | 0.1000 [0.0800, 0.1200] | 0.2000 [0.1700, 0.2300] ▼ |"))
        #expect(
            text.contains("| random | 0.0500 [0.0400, 0.0600] | 0.0500 [0.0400, 0.0600] | 0.0000 [-0.0100, 0.0100] |"))
        #expect(!text.contains("| transfer |"), "transfer rows stay out of the summary")
        #expect(ResultPivot(Self.results).shots(in: "toy") == [0, 5])
    }

    @Test("report.xlsx has a Transfer sheet, one row per model, K and metric, with the intervals and the verdict")
    func workbook() throws {
        let contents = try ReportFixtures.workbook(Self.results)
        let cells = contents.cells(of: "Transfer")
        #expect(
            cells["A1"] == "Scenario" && cells["F1"] == "in-population" && cells["L1"] == "gap"
                && cells["O1"] == "Significant gap")
        #expect(cells["B2"] == "random" && cells["L2"] == "0" && cells["O2"] == "no")
        #expect(cells["B3"] == "popularity" && cells["L3"] == "0.2" && cells["M3"] == "0.17" && cells["O3"] == "yes")
        #expect(!contents.cells(of: "Segments").values.contains("gap"), "the Segments sheet leaves the transfer out")
    }
}
