import Foundation
import TestSupport
import Testing

@testable import Reporting

@Suite("Report files")
struct ReportBundleTests {
    private func temporaryDirectory() -> URL {
        Scratch.file("metarec-report")
    }

    @Test("Markdown holds the summary at the headline K and the K table")
    func markdown() {
        let text = MarkdownReport(ReportFixtures.results).render()
        #expect(text.hasPrefix("# MetaRecSim report: toy-suite\n"))
        #expect(text.contains("## toy: summary at K = 5"))
        #expect(text.contains("| protocol | model | ndcg@10 | mae |"))
        #expect(text.contains("| cold-start | popularity | 0.2500 [0.2400, 0.2600] | 0.8000 [0.7900, 0.8100] |"))
        #expect(text.contains("| K | random | popularity |"))
        #expect(text.contains("| 0 | 0.0400 | 0.3000 |"))
        #expect(text.contains("- toy / broken / seed 1: diverged"))
    }

    @Test("The bundle writes every format atomically, leaving no temporary files")
    func bundle() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let perUser = [
            PerUserRecord(
                scenario: "toy", protocolName: "cold-start", model: "random", seed: 1, segment: "all", shots: 5,
                window: nil, metric: "mae", user: 3, value: 1.25)
        ]
        let written = try ReportBundle(results: ReportFixtures.results, perUser: perUser).write(
            to: directory, formats: Set(ReportFormat.allCases))
        #expect(
            written.map(\.lastPathComponent) == [
                "results.json", "per_user.jsonl", "toy-ndcg-at-10.svg", "toy-mae.svg", "report.md", "report.xlsx",
            ])
        let listing = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(listing == ["charts", "per_user.jsonl", "report.md", "report.xlsx", "results.json"])
        let line = try String(contentsOf: directory.appendingPathComponent("per_user.jsonl"), encoding: .utf8)
        #expect(
            line
                == #"{"metric":"mae","model":"random","protocol":"cold-start","scenario":"toy","seed":1,"segment":"all","shots":5,"user":3,"value":1.25}"#
                + "\n")
    }

    @Test("The workbook is a zip holding the seven sheets and one chart per scenario and metric")
    func workbookStructure() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ReportBundle(results: ReportFixtures.results, perUser: []).write(to: directory, formats: [.xlsx])
        let data = try Data(contentsOf: directory.appendingPathComponent("report.xlsx"))
        let zip = try #require(ZipDirectory(data))
        for part in [
            "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet7.xml", "xl/charts/chart1.xml",
            "xl/charts/chart2.xml", "xl/drawings/drawing1.xml",
        ] {
            #expect(zip.entries.contains(part), "missing \(part)")
        }
        #expect(!zip.entries.contains("xl/charts/chart3.xml"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("results.json").path))
    }

    @Test("A failed write leaves the previous file in place and no temporary file")
    func failedWriteKeepsOld() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = directory.appendingPathComponent("report.md")
        try AtomicFile.write(Data("old".utf8), to: target)
        struct Boom: Error {}
        #expect(throws: ReportError.self) {
            try AtomicFile.write(to: target) { url in
                try Data("half".utf8).write(to: url)
                throw Boom()
            }
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.md"])
    }
}

@Suite("Workbook contents")
struct WorkbookContentsTests {
    private func workbook(_ results: ResultSet) throws -> XlsxContents {
        try ReportFixtures.workbook(results)
    }

    @Test("Sheets come in order and the Summary holds the headline figures")
    func summary() throws {
        let contents = try workbook(ReportFixtures.results)
        #expect(
            contents.sheetNames == [
                "Findings", "Summary", "Cold start", "Drift", "Onboarding", "Cost", "Transfer", "Significance",
                "Disagreements", "Segments", "Results", "Run",
            ])
        let cells = contents.cells(of: "Summary")
        #expect(cells["A1"] == "Scenario" && cells["F1"] == "ndcg@10" && cells["I1"] == "mae")
        #expect(cells["C2"] == "random" && cells["C3"] == "popularity")
        #expect(cells["D2"] == "5")
        #expect(cells["F2"] == "0.05" && cells["F3"] == "0.25")
        #expect(cells["G3"] == "0.24" && cells["H3"] == "0.26")
        #expect(cells["I3"] == "0.8")
    }

    @Test("Metric figures show four decimals and a count such as adapted_parameters whole numbers")
    func numberFormats() throws {
        var results = ReportFixtures.results
        var size = ReportFixtures.row("popularity", shots: 5, metric: "adapted_parameters", value: 10)
        (size.ciLow, size.ciHigh) = (10, 10)
        results.rows.append(size)
        let contents = try workbook(results)
        #expect(contents.cells(of: "Summary")["L1"] == "adapted_parameters")
        #expect(contents.numberFormat(of: "Summary", cell: "F3") == "0.0000")
        #expect(contents.numberFormat(of: "Summary", cell: "L3") == "0")
        #expect(contents.numberFormat(of: "Summary", cell: "M3") == "0")
    }

    @Test("The Cold start sheet tabulates metric against K per model")
    func coldStart() throws {
        let cells = try workbook(ReportFixtures.results).cells(of: "Cold start")
        #expect(cells["A1"] == "toy: ndcg@10 against K")
        #expect(cells["A2"] == "K" && cells["B2"] == "random" && cells["C2"] == "popularity")
        #expect(cells["A3"] == "0" && cells["B3"] == "0.04" && cells["C3"] == "0.3")
        #expect(cells["A4"] == "5" && cells["C4"] == "0.25")
    }

    @Test("The Results sheet holds every row and the Run sheet the provenance")
    func resultsAndRun() throws {
        let contents = try workbook(ReportFixtures.results)
        let results = contents.cells(of: "Results")
        #expect(results["H1"] == "round" && results["I1"] == "metric" && results["J9"] != nil && results["J10"] == nil)
        let run = contents.cells(of: "Run")
        #expect(run["A1"] == "suite" && run["B1"] == "toy-suite")
        #expect(run.values.contains("abc123"))
    }
}
