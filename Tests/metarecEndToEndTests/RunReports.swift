import Foundation
import TestSupport
import Testing

/// The reports a `metarec run` wrote into one folder, read back for comparison with another
/// run's, the run's own timings left out.
struct RunReports {
    let directory: URL

    func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    /// The chart files' names.
    func charts() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("charts").path).sorted()
    }

    /// `results.json` without the run's start, wall time and which cells came from the cache.
    func resultsWithoutTimings() throws -> Data {
        var results = try #require(JSONSerialization.jsonObject(with: data("results.json")) as? [String: Any])
        var header = try #require(results["header"] as? [String: Any])
        var timings = try #require(header["timings"] as? [String: Any])
        let cells = try #require(timings["cells"] as? [[String: Any]])
        timings["cells"] = cells.map { cell in cell.filter { $0.key != "cached" } }
        timings["started"] = nil
        timings["total_seconds"] = nil
        header["timings"] = timings
        results["header"] = header
        return try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
    }

    /// `report.md` without its wall-time line.
    func markdownWithoutWallTime() throws -> [Substring] {
        String(decoding: try data("report.md"), as: UTF8.self).split(separator: "\n").filter {
            !$0.hasSuffix("s wall time.")
        }
    }

    /// Every sheet's cells, the Run sheet's start, wall time and cached column left out.
    func workbookWithoutTimings() throws -> [String: [String: String]] {
        let workbook = try #require(XlsxContents(data("report.xlsx")))
        var sheets = [String: [String: String]]()
        for name in workbook.sheetNames { sheets[name] = workbook.cells(of: name) }
        let run = sheets["Run"] ?? [:]
        let timed = Set(
            run.filter { ["started", "wall time (s)"].contains($0.value) && $0.key.hasPrefix("A") }.keys.map {
                "B" + $0.dropFirst()
            })
        sheets["Run"] = run.filter { !$0.key.hasPrefix("F") && !timed.contains($0.key) }
        return sheets
    }

    /// Expects every report to equal `other`'s but for the runs' own timings.
    func expectSame(as other: RunReports) throws {
        #expect(try data("per_user.jsonl") == other.data("per_user.jsonl"))
        let charts = try charts()
        #expect(!charts.isEmpty)
        #expect(try other.charts() == charts)
        for chart in charts { #expect(try data("charts/\(chart)") == other.data("charts/\(chart)")) }
        #expect(try resultsWithoutTimings() == other.resultsWithoutTimings())
        #expect(try markdownWithoutWallTime() == other.markdownWithoutWallTime())
        let sheets = try workbookWithoutTimings()
        #expect(sheets.count > 5)
        #expect(try other.workbookWithoutTimings() == sheets)
    }
}
