import Foundation
import TestSupport
import Testing

@Suite("metarec on a real dataset")
struct DatasetCommandTests {
    /// A simulated world exported as RecBole files, then read back as a dataset: the
    /// toolkit's own writer feeds its own importer, as a RecBole user's files would.
    private func exportedWorld() throws -> URL {
        let folder = MetarecProcess.temporaryDirectory()
        let outcome = try MetarecProcess.run([
            "simulate", "Scenarios/quickstart.yaml", "--out", folder.appendingPathComponent("data").path, "--format",
            "recbole", "--quiet",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return folder
    }

    private func scenario(in folder: URL, extra: String = "") throws -> String {
        let text = """
            name: exported
            seeds: [1]
            dataset: {format: recbole, path: data, name: quickstart, min_interactions: 15, max_interactions: 100\(extra)}
            protocols:
              cold_start: {shots: [0, 5], min_query: 5, bootstrap_resamples: 50}
              drift: {windows: 3, max_users: 40, bootstrap_resamples: 50}
            models: [random, popularity]
            metrics: [ndcg@10, hr@10, mae, oracle_ndcg@10]
            """
        let path = folder.appendingPathComponent("exported.yaml")
        try Data(text.utf8).write(to: path)
        return path.path
    }

    @Test("A dataset scenario runs to every report, which say there is no oracle")
    func runsToReports() throws {
        let folder = try exportedWorld()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let outcome = try MetarecProcess.run([
            "run", try scenario(in: folder), "--out", out.path, "--quiet", "--no-cache",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let json = try String(contentsOf: out.appendingPathComponent("results.json"), encoding: .utf8)
        #expect(json.contains("\"cold-start\"") && json.contains("\"drift\""))
        #expect(!json.contains("\"oracle_ndcg@10\""))
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("> **exported** runs on real data: dataset quickstart (recbole): "))
        #expect(markdown.contains("No oracle: oracle-relative metrics omitted (oracle_ndcg@10)."))
        let workbook = try #require(XlsxContents(Data(contentsOf: out.appendingPathComponent("report.xlsx"))))
        let run = workbook.cells(of: "Run")
        #expect(run.values.contains("data exported"))
        #expect(run.values.contains { $0.contains("No oracle: oracle-relative metrics omitted (oracle_ndcg@10).") })
    }

    @Test("A fault in the data exits 2 naming the data file, line and field")
    func badData() throws {
        let folder = try exportedWorld()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inter = folder.appendingPathComponent("data/quickstart.inter")
        var lines = try String(contentsOf: inter, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        lines[4] = "1\t2\tsoon\t5\t1\t0"
        try Data(lines.joined(separator: "\n").utf8).write(to: inter)
        let outcome = try MetarecProcess.run(["validate", try scenario(in: folder)])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError.contains(
                "data/quickstart.inter:5: field 'timestamp': expects a number, found 'soon'"),
            "\(outcome.standardError)")
    }
}
