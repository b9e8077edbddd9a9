import Foundation
import Reporting
import Testing

@testable import Experiments

@Suite("A suite's reports kept in the cache")
struct CachedReportsTests {
    private let files = ScenarioFiles()
    private var cache: ResultCache { ResultCache(directory: files.directory.appendingPathComponent("cache")) }
    private let formats = Set(ReportFormat.allCases)

    private func scenario(damping: Int = 2) throws -> ScenarioSpec {
        try files.load(
            ScenarioFiles.valid().replacingOccurrences(of: "rating_damping: 2", with: "rating_damping: \(damping)"))
    }

    private func runner(_ spec: ScenarioSpec, jobs: Int = 1, cache: ResultCache?) -> SuiteRunner {
        SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: jobs, seedCount: 2, cache: cache))
    }

    /// Runs and writes the reports into `name`; `nil` when they came whole from the cache.
    private func write(_ spec: ScenarioSpec, jobs: Int = 1, cache: ResultCache?, into name: String) async throws
        -> SuiteRun?
    {
        try await runner(spec, jobs: jobs, cache: cache).runWritingReports(
            to: files.directory.appendingPathComponent(name), formats: formats
        ).run
    }

    private func file(_ run: String, _ name: String) throws -> Data {
        try Data(contentsOf: files.directory.appendingPathComponent(run).appendingPathComponent(name))
    }

    @Test(
        "A re-run whose cells are all cached writes the stored reports for any number of jobs; a changed scenario or no cache computes them"
    )
    func reuse() async throws {
        let spec = try scenario()
        #expect(try await write(spec, jobs: 2, cache: cache, into: "first") != nil)
        #expect(try await write(spec, jobs: 1, cache: cache, into: "again") == nil)
        #expect(try file("first", "per_user.jsonl") == file("again", "per_user.jsonl"))
        let first = try ResultSet.decode(try file("first", "results.json"), source: "first")
        let again = try ResultSet.decode(try file("again", "results.json"), source: "again")
        #expect(again.rows == first.rows)
        #expect(again.significance == first.significance)
        #expect(again.header.timings.cells.allSatisfy { $0.cached })
        #expect(again.header.timings.cells.map(\.seconds) == first.header.timings.cells.map(\.seconds))
        #expect(again.header.timings.started >= first.header.timings.started)
        #expect(try await write(spec, jobs: 1, cache: nil, into: "uncached") != nil)
        let changed = try scenario(damping: 3)
        #expect(try await write(changed, jobs: 1, cache: cache, into: "changed") != nil)
        #expect(try await write(changed, jobs: 1, cache: cache, into: "changed-again") == nil)
        // One entry per suite: the changed scenario's replaced the first.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.reportsDirectory.path).count == 1)
    }

    @Test(
        "The key needs every cell in the cache and changes with a cell's build or entry, the formats and the header, not the timings"
    )
    func key() async throws {
        let spec = try scenario()
        let runner = runner(spec, cache: cache)
        let run = await runner.run()
        let keys = runner.plannedCells().map { $0.cacheKey(build: BuildIdentity.current) }
        let header = run.results.header
        let key = { (keys: [String], header: ResultHeader, formats: Set<ReportFormat>) in
            CachedReports.key(cells: keys, in: cache, header: header, formats: formats)
        }
        let reference = try #require(key(keys, header, formats))
        #expect(key(keys, header, formats) == reference)
        #expect(key(runner.plannedCells().map { $0.cacheKey(build: "another build") }, header, formats) == nil)
        #expect(key(keys, header, [.json]) != reference)
        var commit = header
        commit.gitCommit = "0123456789abcdef"
        #expect(key(keys, commit, formats) != reference)
        var timed = header
        timed.timings.started = "2030-01-01T00:00:00Z"
        timed.timings.totalSeconds += 7
        #expect(key(keys, timed, formats) == reference)
        // A cell computed again (its entry holds other timings) changes the key.
        var outcome = try #require(cache.load(keys[0], rejected: { _ in }))
        outcome.timing.seconds += 1
        try cache.store(outcome, key: keys[0])
        #expect(key(keys, header, formats) != reference)
    }
}
