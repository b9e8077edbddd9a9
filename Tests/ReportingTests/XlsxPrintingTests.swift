import Foundation
import TestSupport
import Testing

@testable import Reporting

@Suite("Printing workbooks")
struct XlsxPrintingTests {
    private func workbook(_ results: ResultSet) throws -> XlsxContents {
        try ReportFixtures.workbook(results)
    }

    /// The fixtures with `extra` more curve metrics, so the Cold start sheet runs over pages.
    private func results(extraMetrics extra: Int) -> ResultSet {
        var results = ReportFixtures.results
        for index in 0..<extra {
            for model in ["random", "popularity"] {
                for shots in [0, 5] {
                    results.rows.append(ReportFixtures.row(model, shots: shots, metric: "hr@\(index + 1)", value: 0.1))
                }
            }
        }
        return results
    }

    @Test("Every sheet of report.xlsx prints on A4, one page wide, with the suite and page number in the footer")
    func everySheet() throws {
        let contents = try workbook(ReportFixtures.results)
        for sheet in contents.sheetNames {
            let xml = try #require(contents.sheetXML(of: sheet))
            #expect(xml.contains(#"paperSize="9""#), "\(sheet)")
            let footer = XlsxContents.matches(of: "<oddFooter>([^<]*)</oddFooter>", in: xml).first?[0] ?? ""
            #expect(footer.contains("toy-suite") && footer.contains("&amp;P of &amp;N"), "\(sheet): \(footer)")
            let fitted = xml.contains(#"<pageSetUpPr fitToPage="1"/>"#) && xml.contains(#"fitToHeight="0""#)
            // Sheets of charts are scaled to one page wide instead (see chartsAreNotCut).
            #expect(fitted == (sheet != "Cold start"), "\(sheet)")
        }
        #expect(contents.sheetXML(of: "Summary")?.contains(#"orientation="landscape""#) == true)
    }

    @Test("Table sheets repeat their header row on every page")
    func headerRows() throws {
        let workbookXML = try workbook(ReportFixtures.results).workbookXML
        for (index, sheet) in ["Summary", "Transfer", "Significance", "Disagreements", "Segments", "Results"]
            .enumerated()
        {
            let position = [
                "Findings", "Summary", "Cold start", "Drift", "Onboarding", "Cost", "Transfer", "Significance",
                "Disagreements", "Segments", "Results", "Run",
            ].firstIndex(of: sheet)!
            #expect(
                workbookXML.contains(
                    #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(position)">\#(sheet == "Summary" ? "Summary" : sheet)!$1:$1</definedName>"#
                ), "sheet \(index): \(sheet)")
        }
    }

    @Test("Page breaks of the chart sheets fall between charts, never through one")
    func chartsAreNotCut() throws {
        let contents = try workbook(results(extraMetrics: 4))
        let xml = try #require(contents.sheetXML(of: "Cold start"))
        #expect(!xml.contains("fitToPage") && xml.contains(#"orientation="landscape""#))
        let breaks = XlsxContents.matches(of: #"<brk id="([0-9]+)""#, in: xml).compactMap { Int($0[0]) }
        #expect(breaks.count >= 2, "six charts of 17 rows need several pages: \(breaks)")
        let drawing = try #require(contents.partXML("xl/drawings/drawing1.xml"))
        let from = XlsxContents.matches(of: #"<xdr:from>[\s\S]*?<xdr:row>([0-9]+)</xdr:row>"#, in: drawing).compactMap {
            Int($0[0])
        }
        let to = XlsxContents.matches(of: #"<xdr:to>[\s\S]*?<xdr:row>([0-9]+)</xdr:row>"#, in: drawing).compactMap {
            Int($0[0])
        }
        #expect(from.count == 6 && to.count == 6)
        for (top, bottom) in zip(from, to) {
            for row in breaks {
                #expect(
                    !(top < row && row <= bottom), "break before row \(row) cuts the chart in rows \(top)...\(bottom)")
            }
        }
    }

    @Test("The layout: portrait when narrow, landscape when wide, blocks packed onto pages")
    func layout() {
        let narrow = XlsxPrintLayout(widthPixels: 500, blocks: [])
        #expect(!narrow.landscape && narrow.scale == nil && narrow.breaks.isEmpty)
        // 900 px fits landscape at 100 %: 650 px of rows, 32 rows of 20 px per page.
        let charts = XlsxPrintLayout(widthPixels: 900, blocks: [0..<17, 17..<34, 34..<51])
        #expect(charts.landscape && charts.scale == 100 && charts.breaks == [17, 34])
        let small = XlsxPrintLayout(widthPixels: 900, blocks: [0..<10, 10..<20, 20..<30, 30..<40])
        #expect(small.breaks == [30])
        // Twice as wide as a landscape page: half scale, twice the rows per page.
        let wide = XlsxPrintLayout(widthPixels: 1_976, blocks: [0..<17, 17..<34, 34..<51, 51..<68, 68..<85])
        #expect(wide.scale == 49 && wide.breaks == [51])
    }

    @Test("Plain tables (the calibration workbook) print with their header repeated and the report named")
    func plainTables() throws {
        let url = Scratch.file("metarec-tables", suffix: ".xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let table = XlsxTable(
            sheet: "Calibration", header: ["statistic", "real", "simulated"],
            rows: [[.text("mean"), .number(1), .number(2)]])
        try XlsxTables.write([table], footer: "calibration: ml-100k & co", to: url)
        let contents = try #require(XlsxContents(Data(contentsOf: url)))
        let xml = try #require(contents.sheetXML(of: "Calibration"))
        #expect(xml.contains("calibration: ml-100k &amp;&amp; co"))
        #expect(xml.contains(#"fitToHeight="0""#) && xml.contains(#"paperSize="9""#))
        #expect(contents.workbookXML.contains("Calibration!$1:$1"))
    }
}
