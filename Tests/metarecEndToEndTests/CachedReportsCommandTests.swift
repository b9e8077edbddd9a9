import Foundation
import Testing

@Suite("metarec run: a suite's reports kept in the cache")
struct CachedReportsCommandTests {
    /// How a stored entry is damaged.
    enum Damage: String, CaseIterable, Sendable {
        case truncatedResults = "results.json"
        case editedManifest = "entry.json"
        case appendedPerUser = "per_user.jsonl"
        case truncatedWorkbook = "report.xlsx"

        func apply(in entry: URL) throws {
            let url = entry.appendingPathComponent(rawValue)
            let handle = try FileHandle(forUpdating: url)
            defer { try? handle.close() }
            switch self {
            case .truncatedResults, .truncatedWorkbook:
                try handle.truncate(atOffset: try handle.seekToEnd() / 2)
            case .editedManifest:
                let data = try handle.readToEnd() ?? Data()
                let text = String(decoding: data, as: UTF8.self).replacingOccurrences(
                    of: "\"cached\"", with: "\"cacheD\"")
                try handle.truncate(atOffset: 0)
                try handle.write(contentsOf: Data(text.utf8))
            case .appendedPerUser:
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("{}\n".utf8))
            }
        }
    }

    private func run(_ work: URL, into name: String, _ extra: [String] = []) throws -> MetarecProcess.Outcome {
        try MetarecProcess.run(
            [
                "run", "Scenarios/quickstart.yaml", "--cache", work.appendingPathComponent("cache").path, "--out",
                work.appendingPathComponent(name).path, "--quiet",
            ] + extra)
    }

    private func entry(_ work: URL) throws -> URL {
        let suites = work.appendingPathComponent("cache/suites")
        let entries = try FileManager.default.contentsOfDirectory(atPath: suites.path)
        #expect(entries.count == 1)
        return suites.appendingPathComponent(try #require(entries.first))
    }

    @Test(
        "A damaged or truncated stored entry is detected: the re-run says so, writes the reports from the cells and stores them again",
        arguments: Damage.allCases)
    func damagedEntry(_ damage: Damage) throws {
        let work = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try run(work, into: "first").status == 0)
        // The stored per_user.jsonl is a link to the first run's: keep a copy to compare with.
        let first = work.appendingPathComponent("first")
        let reference = work.appendingPathComponent("reference")
        try FileManager.default.copyItem(at: first, to: reference)
        try damage.apply(in: try entry(work))
        let damaged = try run(work, into: "again")
        #expect(damaged.status == 0, "\(damaged.standardError)")
        #expect(damaged.standardError.contains("writing the reports from the cells"), "\(damaged.standardError)")
        let again = RunReports(directory: work.appendingPathComponent("again"))
        try again.expectSame(as: RunReports(directory: reference))
        // The entry was stored again, and serves the next run without a warning.
        let healed = try run(work, into: "healed")
        #expect(healed.status == 0 && healed.standardError.isEmpty, "\(healed.standardError)")
        try RunReports(directory: work.appendingPathComponent("healed")).expectSame(
            as: RunReports(directory: reference))
    }

    @Test(
        "A cell's cache entry edited in place (its recorded digest kept) is noticed: the cells are read, and the edit is found"
    )
    func editedCell() throws {
        let work = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try run(work, into: "first").status == 0)
        let cache = work.appendingPathComponent("cache")
        let cell = try #require(
            try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasSuffix(".json") })
        let url = cache.appendingPathComponent(cell)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"seconds\":", with: "\"seconds\":1").utf8).write(to: url)
        let again = try run(work, into: "again")
        #expect(again.status == 0)
        #expect(again.standardError.contains("a cell's cache entry changed"), "\(again.standardError)")
        #expect(again.standardError.contains("do not match their SHA-256"), "\(again.standardError)")
    }

    @Test("--no-cache neither reads nor writes the stored reports")
    func noCacheBypasses() throws {
        let work = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try run(work, into: "first").status == 0)
        let entry = try entry(work)
        let stored = try Data(contentsOf: entry.appendingPathComponent("entry.json"))
        #expect(try run(work, into: "uncached", ["--no-cache"]).status == 0)
        let written = work.appendingPathComponent("uncached/per_user.jsonl")
        let links = try FileManager.default.attributesOfItem(atPath: written.path)[.referenceCount] as? NSNumber
        #expect(links?.intValue == 1)
        #expect(try Data(contentsOf: entry.appendingPathComponent("entry.json")) == stored)
    }
}
