import Foundation
import Reporting
import Synchronization
import Testing

@testable import Experiments

@Suite("Cache, interruption and shards")
struct SuiteCacheAndShardTests {
    private let files = ScenarioFiles()

    private func scenario(damping: Int = 2) throws -> ScenarioSpec {
        let text = ScenarioFiles.valid().replacingOccurrences(
            of: "rating_damping: 2", with: "rating_damping: \(damping)")
        return try #require(ScenarioLoader().load(files.write("tiny-\(damping).yaml", text)).scenarios.first)
    }

    private var cache: ResultCache { ResultCache(directory: files.directory.appendingPathComponent("cache")) }

    private func run(_ spec: ScenarioSpec, cache: ResultCache?, shard: Shard? = nil, interruptAfter: Int? = nil) async
        -> SuiteRun
    {
        let started = Atomic<Int>(0)
        let options = RunOptions(
            jobs: 1, seedCount: 2, cache: cache, shard: shard,
            isInterrupted: {
                guard let limit = interruptAfter else { return false }
                return started.add(1, ordering: .relaxed).newValue > limit
            })
        return await SuiteRunner(name: "t", scenarios: [spec], options: options).run()
    }

    @Test("A second run takes every cell from the cache and gives the same results")
    func cachedRerun() async throws {
        let spec = try scenario()
        let first = await run(spec, cache: cache)
        let second = await run(spec, cache: cache)
        #expect(first.results.header.timings.cells.allSatisfy { !$0.cached })
        #expect(second.results.header.timings.cells.allSatisfy { $0.cached })
        #expect(first.results.rows == second.results.rows)
        #expect(first.perUser == second.perUser)
    }

    @Test("A cached cell's per-user values read back bit for bit, in their order")
    func perUserColumnsRoundTrip() throws {
        let coordinates = ResultCoordinates(
            scenario: "s", protocolName: "cold-start", model: "m", seed: 7, segment: "all", shots: 3, window: nil,
            metric: "ndcg@10")
        let values = [0.1, -0.0, 1e-310, .pi, 1, 0.30000000000000004, -2.5e300]
        let records =
            values.enumerated().map { PerUserRecord(coordinates: coordinates, user: UInt32($0) * 977, value: $1) }
            + [PerUserRecord(coordinates: coordinates, user: .max, value: 0.5)]
        let outcome = CellOutcome(
            rows: [], perUser: records, drift: [],
            timing: ResultHeader.CellTiming(scenario: "s", model: "m", seed: 7, seconds: 1, error: nil))
        let decoded = try JSONDecoder().decode(CellOutcome.self, from: JSONEncoder().encode(outcome))
        #expect(decoded.perUser.map(\.user) == records.map(\.user))
        #expect(decoded.perUser.map(\.value.bitPattern) == records.map(\.value.bitPattern))
        #expect(decoded.perUser.allSatisfy { $0.coordinates == coordinates })
    }

    @Test("Changing one model's hyper-parameter recomputes only that model's cells")
    func invalidation() async throws {
        _ = await run(try scenario(damping: 2), cache: cache)
        let changed = await run(try scenario(damping: 3), cache: cache)
        let computed = changed.results.header.timings.cells.filter { !$0.cached }.map(\.model)
        #expect(computed == ["popularity", "popularity"])
    }

    @Test("An interrupted run is partial, and resuming it gives the uninterrupted results")
    func resume() async throws {
        let spec = try scenario()
        let interrupted = await run(spec, cache: cache, interruptAfter: 2)
        #expect(interrupted.results.header.partial)
        #expect(interrupted.skipped.count == 2)
        #expect(interrupted.results.header.timings.cells.count == 2)
        let resumed = await run(spec, cache: cache)
        #expect(!resumed.results.header.partial)
        #expect(resumed.results.header.timings.cells.filter(\.cached).count == 2)
        let uninterrupted = await run(spec, cache: nil)
        #expect(resumed.results.reproducibleRows == uninterrupted.results.reproducibleRows)
        #expect(resumed.perUser == uninterrupted.perUser)
    }

    @Test("The shards 1/n … n/n hold every cell exactly once, and merge into the unsharded run", arguments: [2, 3, 5])
    func shards(count: Int) async throws {
        let spec = try scenario()
        let full = await run(spec, cache: nil)
        var parts = [ResultMerge.Part]()
        var seen = [ResultHeader.CellID]()
        for index in 1...count {
            let part = await run(spec, cache: nil, shard: Shard(index: index, count: count))
            seen += part.results.header.timings.cells.map(\.cell)
            parts.append(ResultMerge.Part(source: "shard \(index)", results: part.results, perUser: part.perUser))
        }
        #expect(seen.count == 4)
        #expect(Set(seen) == Set(full.results.header.plannedCells))
        let merged = try ResultMerge(parts)
        #expect(merged.missing.isEmpty && merged.duplicates.isEmpty)
        #expect(merged.results.reproducibleRows == full.results.reproducibleRows)
        #expect(merged.perUser == full.perUser)
        #expect(!merged.results.header.partial)
    }

    @Test("Merging reports missing and duplicate cells and refuses other suites")
    func mergeProblems() async throws {
        let spec = try scenario()
        let first = await run(spec, cache: nil, shard: Shard(index: 1, count: 2))
        let part = ResultMerge.Part(source: "a", results: first.results, perUser: first.perUser)
        let merged = try ResultMerge([part, part])
        #expect(merged.missing.count == 2)
        #expect(merged.duplicates.count == 2)
        #expect(merged.results.header.partial)
        var other = first.results
        other.header.suite = "other"
        #expect(throws: ComparisonError("b is from suite 'other', a from 't'")) {
            try ResultMerge([part, ResultMerge.Part(source: "b", results: other, perUser: [])])
        }
    }

    @Test("Shards parse from i/n and from batch schedulers' environments")
    func shardParsing() throws {
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        #expect(Shard("0/4") == nil && Shard("5/4") == nil && Shard("x") == nil)
        #expect(try Shard.fromEnvironment([:]) == nil)
        #expect(try Shard.fromEnvironment(["METAREC_SHARD": "3/3"]) == Shard(index: 3, count: 3))
        #expect(
            try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"])
                == Shard(index: 1, count: 4))
        #expect(
            try Shard.fromEnvironment([
                "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "2",
            ]) == Shard(index: 4, count: 4))
        #expect(
            try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1", "METAREC_SHARD_COUNT": "2"])
                == Shard(index: 2, count: 2))
        #expect(throws: ShardError.self) {
            try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "METAREC_SHARD_COUNT": "2"])
        }
        #expect(throws: ShardError.self) { try Shard.fromEnvironment(["METAREC_SHARD": "1-2"]) }
        #expect(Shard(index: 2, count: 3)?.select(Array(0..<8)) == [1, 4, 7])
    }

    @Test("Cache clear removes the stored cells and the suites' stored reports")
    func clear() async throws {
        _ = try await SuiteRunner(
            name: "t", scenarios: [try scenario()], options: RunOptions(jobs: 1, seedCount: 2, cache: cache)
        ).runWritingReports(to: files.directory.appendingPathComponent("reports"), formats: [.json])
        #expect(FileManager.default.fileExists(atPath: cache.reportsDirectory.path))
        #expect(try cache.clear() == 4)
        #expect(!FileManager.default.fileExists(atPath: cache.reportsDirectory.path))
        #expect(try cache.clear() == 0)
    }
}

@Suite("Progress display")
struct ProgressDisplayTests {
    private final class Sink: Sendable {
        let text = Mutex("")
        func write(_ more: String) { text.withLock { $0 += more } }
    }

    private let cell = ResultHeader.CellID(scenario: "s", model: "m", seed: 1)

    @Test("Without a terminal: one plain line per finished cell")
    func lines() {
        let sink = Sink()
        let display = ProgressDisplay(interactive: false) { sink.write($0) }
        display.handle(.planned(total: 3, cached: 1))
        display.handle(.started(cell))
        display.handle(.finished(cell, seconds: 0.5, error: nil))
        display.handle(.finished(cell, seconds: 0.1, error: "boom"))
        #expect(
            sink.text.withLock { $0 }
                == "1 of 3 cells taken from the cache\n[2/3] s / m / seed 1: 0.50 s\n[3/3] s / m / seed 1: FAILED: boom\n"
        )
    }

    @Test("On a terminal: a status line rewritten in place with the running cell")
    func terminal() {
        let sink = Sink()
        let display = ProgressDisplay(interactive: true) { sink.write($0) }
        display.handle(.planned(total: 2, cached: 0))
        display.handle(.started(cell))
        let text = sink.text.withLock { $0 }
        #expect(text.hasPrefix("\r\u{1B}[2K[0/2] 0:00 elapsed | s / m / seed 1"))
        display.handle(.finished(cell, seconds: 1, error: nil))
        #expect(sink.text.withLock { $0 }.contains("[1/2] 0:00 elapsed, ~0:00 left"))
    }

    @Test("Clock formatting")
    func clock() {
        #expect(ProgressDisplay.clock(5) == "0:05")
        #expect(ProgressDisplay.clock(125) == "2:05")
        #expect(ProgressDisplay.clock(3725) == "1:02:05")
    }
}
