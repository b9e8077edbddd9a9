import Foundation
import TestSupport
import Testing

@testable import Reporting

/// The parts a cached re-run rewrites in stored reports: the header in `results.json` and
/// entries of the workbook's archive.
@Suite("Cached re-run parts")
struct CachedRerunPartsTests {
    @Test("Splicing another header into results.json gives exactly the file written with that header")
    func headerSplice() throws {
        let results = ReportFixtures.results
        let stored = try results.jsonData()
        let old = try ResultSet.headerJSON(results.header)
        let range = try #require(stored.range(of: old))
        var changed = results
        changed.header.timings.started = "2030-01-02T03:04:05Z"
        changed.header.timings.totalSeconds = 0.125
        changed.header.timings.cells = changed.header.timings.cells.map { cell in
            var cell = cell
            cell.cached = true
            return cell
        }
        changed.header.perUserSHA256 = String(repeating: "ab", count: 32)
        let spliced =
            stored[..<range.lowerBound] + (try ResultSet.headerJSON(changed.header)) + stored[range.upperBound...]
        #expect(spliced == (try changed.jsonData()))
        #expect(spliced != stored)
    }

    @Test("Replacing workbook parts rewrites only them; every other part is copied as it was")
    func zipReplace() throws {
        let directory = Scratch.file("metarec-zip")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ReportBundle(results: ReportFixtures.results, perUser: []).write(to: directory, formats: [.xlsx])
        let original = try Data(contentsOf: directory.appendingPathComponent("report.xlsx"))
        let archive = try ZipArchive(original, path: "report.xlsx")
        let properties = try #require(archive.contents(of: "docProps/core.xml"))
        let strings = Data(("<sst>" + String(repeating: "<si><t>é &amp; x</t></si>", count: 500) + "</sst>").utf8)
        let replaced = archive.replacing([
            "docProps/core.xml": Data("<replaced/>".utf8), "xl/sharedStrings.xml": strings,
        ])
        // Read back, every entry's CRC-32 checked.
        let reread = try ZipArchive(replaced, path: "replaced.xlsx")
        #expect(reread.names == archive.names)
        #expect(reread.contents(of: "docProps/core.xml") == Data("<replaced/>".utf8))
        #expect(reread.contents(of: "xl/sharedStrings.xml") == strings)
        for name in archive.names where !["docProps/core.xml", "xl/sharedStrings.xml"].contains(name) {
            let contents = reread.contents(of: name)
            #expect(contents != nil && contents == archive.contents(of: name), "\(name)")
        }
        // A damaged byte inside an entry's compressed data fails its check.
        var damaged = [UInt8](replaced)
        let local = try #require(replaced.range(of: Data("docProps/core.xml".utf8)))
        damaged[local.upperBound + 2] ^= 0x55
        #expect(try ZipArchive(Data(damaged), path: "damaged.xlsx").contents(of: "docProps/core.xml") == nil)
        #expect(String(decoding: properties, as: UTF8.self).contains("dcterms:created"))
        // Replacing nothing gives the archive back byte for byte.
        #expect(archive.replacing([:]) == original)
        #expect(throws: ReportError.self) { try ZipArchive(original.prefix(original.count - 30), path: "x.xlsx") }
    }
}
