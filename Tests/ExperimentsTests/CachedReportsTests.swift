import Foundation
import Reporting
import Synchronization
import Testing

@testable import Experiments

@Suite("A suite's reports kept in the cache")
struct CachedReportsTests {
    /// The warnings a run gave.
    private final class Warnings: Sendable {
        let messages = Mutex([String]())
    }

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

    @Test("The scratch folder a crashed store left behind goes when the suite's next entry is stored")
    func crashedStore() async throws {
        #expect(try await write(try scenario(), cache: cache, into: "first") != nil)
        let suites = cache.reportsDirectory
        let leftover = suites.appendingPathComponent(CachedReports.scratchName(suite: "t", process: 999_999_999))
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: false)
        try FileManager.default.copyItem(
            at: files.directory.appendingPathComponent("first/per_user.jsonl"),
            to: leftover.appendingPathComponent("per_user.jsonl"))
        #expect(try await write(try scenario(damping: 3), cache: cache, into: "changed") != nil)
        let left = try FileManager.default.contentsOfDirectory(atPath: suites.path)
        #expect(left.count == 1 && !left.contains(leftover.lastPathComponent), "\(left)")
    }

    @Test("Shards of one suite sharing a cache keep an entry each: every shard's re-run writes its stored reports")
    func shards() async throws {
        let spec = try scenario()
        let shard = { (index: Int) in
            SuiteRunner(
                name: "t", scenarios: [spec],
                options: RunOptions(jobs: 1, seedCount: 2, cache: cache, shard: Shard(index: index, count: 2)))
        }
        let write = { (index: Int, name: String) in
            try await shard(index).runWritingReports(
                to: files.directory.appendingPathComponent(name), formats: formats
            ).run
        }
        #expect(try await write(1, "first-1") != nil)
        #expect(try await write(2, "first-2") != nil)
        #expect(try await write(1, "again-1") == nil)
        #expect(try await write(2, "again-2") == nil)
        #expect(try file("again-1", "per_user.jsonl") == file("first-1", "per_user.jsonl"))
        #expect(try file("again-2", "per_user.jsonl") == file("first-2", "per_user.jsonl"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.reportsDirectory.path).count == 2)
    }

    @Test(
        "A manifest whose SHA-256 matches but whose byte offsets do not fit its files is reported, not trusted: the reports are computed",
        arguments: ["headerBytes", "wallTimeBytes"])
    func offsetsOutOfRange(_ field: String) async throws {
        let spec = try scenario()
        #expect(try await write(spec, cache: cache, into: "first") != nil)
        let suites = cache.reportsDirectory
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: suites.path).first)
        let url = suites.appendingPathComponent(name).appendingPathComponent("entry.json")
        let data = try Data(contentsOf: url)
        let newline = try #require(data.firstIndex(of: 0x0A))
        var head = try #require(try JSONSerialization.jsonObject(with: data[..<newline]) as? [String: String])
        // The first offset moved before the file's start; the manifest's own digest made to match.
        let text = String(decoding: data[(newline + 1)...], as: UTF8.self)
        let start = try #require(text.range(of: "\"\(field)\":["))
        let comma = try #require(text[start.upperBound...].firstIndex(of: ","))
        let payload = Data((text[..<start.upperBound] + "-1" + text[comma...]).utf8)
        head["sha256"] = ContentDigest.sha256(payload)
        try (JSONSerialization.data(withJSONObject: head) + Data([0x0A]) + payload).write(to: url)
        let warnings = Warnings()
        let run = try await SuiteRunner(
            name: "t", scenarios: [spec],
            options: RunOptions(
                jobs: 1, seedCount: 2, cache: cache,
                warn: { message in warnings.messages.withLock { $0.append(message) } })
        ).runWritingReports(to: files.directory.appendingPathComponent("again"), formats: formats).run
        #expect(run != nil)
        #expect(warnings.messages.withLock { $0 }.contains { $0.contains("writing the reports from the cells") })
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
