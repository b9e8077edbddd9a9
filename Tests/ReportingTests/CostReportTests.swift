import Foundation
import TestSupport
import Testing

@testable import Reporting

@Suite("Reports: the cost of adapting")
struct CostReportTests {
    /// The fixtures with each model's costs at both K (popularity adapts faster and ranks better).
    private static var results: ResultSet {
        var results = ReportFixtures.results
        let costs: [String: [String: Double]] = [
            "random": [
                "fit_seconds": 0.001, "adapt_ms_p50": 0.01, "adapt_ms_p95": 0.02, "score_ms_p50": 0.3,
                "score_ms_p95": 0.5, "user_state_bytes": 0, "model_bytes": 0,
            ],
            "popularity": [
                "fit_seconds": 0.2, "adapt_ms_p50": 4.5, "adapt_ms_p95": 9, "score_ms_p50": 0.2, "score_ms_p95": 0.4,
                "user_state_bytes": 96, "model_bytes": 2_400,
            ],
        ]
        for (model, figures) in costs {
            for (metric, value) in figures {
                for shots in [0, 5] {
                    var row = ReportFixtures.row(model, shots: shots, metric: metric, value: value)
                    row.ciLow = value
                    row.ciHigh = value
                    results.rows.append(row)
                }
            }
        }
        results.rows.sort(by: ResultSet.canonicalOrder)
        return results
    }

    private func written(_ results: ResultSet) throws -> (URL, [String]) {
        let directory = Scratch.file("metarec-cost")
        let files = try ReportBundle(results: results, perUser: []).write(to: directory, formats: [.markdown, .xlsx])
        return (directory, files.map { String($0.path.dropFirst(directory.path.count + 1)) })
    }

    @Test("report.md has a cost table at the headline K and links the accuracy-against-latency SVG, written beside it")
    func markdown() throws {
        let (directory, files) = try written(Self.results)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(files.contains("charts/toy-cost.svg"))
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("### toy: cost of adapting at K = 5"))
        #expect(
            markdown.contains(
                "| model | fit_seconds | adapt_ms_p50 | adapt_ms_p95 | score_ms_p50 | score_ms_p95 | user_state_bytes | model_bytes | adapted_parameters | ndcg@10 |"
            ))
        #expect(markdown.contains("| popularity | 0.2 | 4.5 | 9 | 0.2 | 0.4 | 96 | 2400 | – | 0.2500 |"))
        #expect(markdown.contains("![toy: ndcg@10 against adaptation latency (K = 5)](charts/toy-cost.svg)"))
        // The summary keeps to accuracy: cost has its own table.
        #expect(!markdown.contains("| protocol | model | ndcg@10 | mae | fit_seconds"))
        let svg = try String(contentsOf: directory.appendingPathComponent("charts/toy-cost.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("median adaptation latency per user (ms) (log scale)"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2 * 2, "a point and a legend dot per model")
        #expect(svg.contains(">popularity</text>") && svg.contains(">0.01</text>") && svg.contains(">10</text>"))
    }

    @Test("report.xlsx has a Cost sheet with the figures and a native scatter chart on a logarithmic latency axis")
    func workbook() throws {
        let (directory, _) = try written(Self.results)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Data(contentsOf: directory.appendingPathComponent("report.xlsx"))
        let contents = try #require(XlsxContents(data))
        #expect(contents.sheetNames.contains("Cost"))
        let cells = contents.cells(of: "Cost")
        #expect(cells["A1"] == "toy: cost of adapting at K = 5")
        #expect(
            cells["A2"] == "Model" && cells["B2"] == "fit_seconds" && cells["C2"] == "adapt_ms_p50"
                && cells["J2"] == "ndcg@10")
        #expect(cells["A4"] == "popularity" && cells["C4"] == "4.5" && cells["H4"] == "2400" && cells["J4"] == "0.25")
        let zip = try #require(ZipDirectory(data))
        let charts = zip.entries.filter { $0.hasPrefix("xl/charts/chart") }.compactMap { zip.text(of: $0) }
        let scatter = try #require(charts.first { $0.contains("<c:scatterChart>") })
        #expect(scatter.contains("<c:logBase val=\"10\"/>"))
        #expect(scatter.contains("Cost!$C$3") && scatter.contains("Cost!$J$4"))
    }

    @Test("Without cost rows the Cost sheet says so and report.md has no cost section")
    func absent() throws {
        let (directory, files) = try written(ReportFixtures.results)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(!files.contains { $0.hasSuffix("-cost.svg") })
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(!markdown.contains("cost of adapting"))
        let contents = try #require(XlsxContents(Data(contentsOf: directory.appendingPathComponent("report.xlsx"))))
        #expect(contents.cells(of: "Cost")["A1"]?.hasPrefix("No cold-start protocol") == true)
    }
}
