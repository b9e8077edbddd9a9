import Foundation
import TestSupport
import Testing

@testable import Reporting

/// Reports written as a set, and per-user files that must belong to their results (issue 18).
@Suite("Faults: reports are written whole, and a per-user file must match its results")
struct ReportingFaultTests {
    private struct DiskFull: Error {}

    private func temporaryDirectory() -> URL {
        Scratch.file("metarec-faults")
    }

    /// Per-user values whose means and counts are exactly the rows of ``results``.
    private static let perUser: [PerUserRecord] = [
        record(user: 1, value: 0.5), record(user: 2, value: 0.25), record(user: 3, value: 0),
    ]

    private static func record(user: UInt32, value: Double, model: String = "popularity") -> PerUserRecord {
        PerUserRecord(
            scenario: "toy", protocolName: "cold-start", model: model, seed: 1, segment: "all", shots: 5, window: nil,
            metric: "ndcg@10", user: user, value: value)
    }

    /// One row, backed by ``perUser``.
    private static var results: ResultSet {
        ResultSet(
            header: ReportFixtures.header,
            rows: [
                ResultRow(
                    scenario: "toy", protocolName: "cold-start", model: "popularity", seed: 1, segment: "all", shots: 5,
                    window: nil, metric: "ndcg@10", value: 0.25, ciLow: 0.2, ciHigh: 0.3, n: 3)
            ])
    }

    private func contents(of directory: URL) throws -> [String: Data] {
        var files = [String: Data]()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name != "charts" {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    // MARK: - Writing as a set

    @Test(
        "A disk that fills while a report is written over an earlier one leaves the earlier report intact",
        arguments: ["per_user.jsonl", "results.json", "report.md", "report.xlsx"])
    func diskFullKeepsEarlierReport(failing: String) throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ReportBundle(results: ReportFixtures.results, perUser: []).write(
            to: directory, formats: Set(ReportFormat.allCases))
        let before = try contents(of: directory)
        var bundle = ReportBundle(results: Self.results, perUser: Self.perUser)
        bundle.beforeWriting = { name in if name == failing { throw DiskFull() } }
        #expect(throws: ReportError.self) { try bundle.write(to: directory, formats: Set(ReportFormat.allCases)) }
        #expect(try contents(of: directory) == before)
    }

    @Test("A disk that fills while a first report is written leaves no report at all")
    func diskFullLeavesNothing() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var bundle = ReportBundle(results: Self.results, perUser: Self.perUser)
        bundle.beforeWriting = { name in if name == "report.md" { throw DiskFull() } }
        #expect(throws: ReportError.self) { try bundle.write(to: directory, formats: Set(ReportFormat.allCases)) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("A report replaces the earlier report's files, including those it does not write, and keeps other files")
    func replacesAsASet() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ReportBundle(results: ReportFixtures.results, perUser: []).write(
            to: directory, formats: Set(ReportFormat.allCases))
        try Data("mine".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        _ = try ReportBundle(results: Self.results, perUser: Self.perUser).write(to: directory, formats: [.json])
        let listing = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(listing == ["notes.txt", "per_user.jsonl", "results.json"])
        let loaded = try ResultFiles.load(directory.appendingPathComponent("results.json").path)
        #expect(loaded.perUser == Self.perUser)
        #expect(
            loaded.results.header.perUserSHA256
                == ContentDigest.sha256(try Data(contentsOf: directory.appendingPathComponent("per_user.jsonl"))))
    }

    @Test("The output folder is refused when it is a file")
    func prepareRefusesFile() throws {
        let file = temporaryDirectory()
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ReportError.writeFailed(path: file.path, reason: "it is a file, not a directory")) {
            try ReportBundle.prepare(file)
        }
    }

    // MARK: - Per-user files

    @Test("Per-user values that match the rows pass the check")
    func matchingPerUser() throws {
        try Self.results.checkPerUser(Self.perUser, file: "p")
    }

    @Test(
        "Per-user files with an extra user, a missing user, a repeated line, a changed value or an unknown row are refused",
        arguments: [
            ("extra", "4 user(s)"), ("missing", "2 user(s)"), ("repeated", "appears twice"),
            ("changed", "differs from the row's value"), ("unknown", "no result row"),
        ])
    func mismatchedPerUser(kind: String, message: String) throws {
        var records = Self.perUser
        switch kind {
        case "extra": records.append(Self.record(user: 9, value: 0.25))
        case "missing": records.removeLast()
        case "repeated": records.append(records[0])
        case "changed": records[0].value = 0.9
        default: records.append(Self.record(user: 1, value: 0.5, model: "ghost"))
        }
        let error = #expect(throws: ReportError.self) { try Self.results.checkPerUser(records, file: "p") }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    // MARK: - Gate and merge

    @Test("The gate refuses a partial run, and with allowPartial compares the common cells and says so")
    func partialRuns() throws {
        var partial = ReportFixtures.results
        partial.header.partial = true
        partial.rows.removeAll { $0.model == "random" }
        let gate = RegressionGate(tolerances: ToleranceSet()) { _ in 1 }
        let error = #expect(throws: ComparisonError.self) {
            try gate.compare(
                baseline: .init(results: ReportFixtures.results, perUser: nil),
                candidate: .init(results: partial, perUser: nil))
        }
        #expect(error?.reason.contains("the candidate is partial") == true)
        let report = try gate.compare(
            baseline: .init(results: ReportFixtures.results, perUser: nil),
            candidate: .init(results: partial, perUser: nil), allowPartial: true
        )
        #expect(!report.failed)
        #expect(report.comparisons.count == 4)
        #expect(report.summary.contains("compared only the 1 cell(s) present in both, left out 1"))
    }

    @Test("Merge refuses shards that ran different versions of a scenario file")
    func mergeDifferentScenarioFiles() throws {
        var edited = ReportFixtures.results
        edited.header.scenarios[0].sha256 = "11aa"
        let error = #expect(throws: ComparisonError.self) {
            try ResultMerge([
                .init(source: "a", results: ReportFixtures.results, perUser: []),
                .init(source: "b", results: edited, perUser: []),
            ])
        }
        #expect(error?.reason.contains("ran different versions of scenario 'toy'") == true)
    }
}
