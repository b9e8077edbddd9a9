import Foundation
import TestSupport
import Testing

@Suite("metarec run")
struct RunCommandTests {
    private struct Results: Decodable {
        struct Header: Decodable {
            let schemaVersion: Int
            enum CodingKeys: String, CodingKey {
                case schemaVersion = "schema_version"
                case suite
            }
            let suite: String
        }
        struct Row: Decodable, Equatable {
            let scenario: String
            let `protocol`: String
            let model: String
            let seed: UInt64
            let segment: String
            let shots: Int?
            let window: Int?
            let metric: String
            let value: Double
            let ciLow: Double
            let ciHigh: Double
            let n: Int
            enum CodingKeys: String, CodingKey {
                case scenario, `protocol`, model, seed, segment, shots, window, metric, value, n
                case ciLow = "ci_low"
                case ciHigh = "ci_high"
            }
        }
        let header: Header
        let rows: [Row]
    }

    private func runQuickstart() throws -> (MetarecProcess.Outcome, URL) {
        let out = MetarecProcess.temporaryDirectory()
        let outcome = try MetarecProcess.run([
            "run", "Scenarios/quickstart.yaml", "--out", out.path, "--quiet", "--no-cache",
        ])
        return (outcome, out)
    }

    @Test("The quickstart runs and writes results.json, report.md and report.xlsx")
    func quickstart() throws {
        let (outcome, out) = try runQuickstart()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let results = try JSONDecoder().decode(
            Results.self, from: Data(contentsOf: out.appendingPathComponent("results.json")))
        #expect(results.header.schemaVersion == 1)
        #expect(results.header.suite == "quickstart")
        // 2 models × 5 K × 7 metrics (the world adds the three oracle metrics to the four
        // listed) on the test users, 2 models × 5 K × 7 costs, and 2 models × 7 metrics on
        // the validation users.
        #expect(results.rows.count == 70 + 70 + 14)
        #expect(Set(results.rows.map(\.model)) == ["random", "popularity"])
        #expect(Set(results.rows.compactMap(\.shots)) == [0, 1, 3, 5, 10])
        let costs: Set = [
            "fit_seconds", "adapt_ms_p50", "adapt_ms_p95", "score_ms_p50", "score_ms_p95", "user_state_bytes",
            "model_bytes",
        ]
        #expect(
            Set(results.rows.map(\.metric))
                == costs.union(["oracle_ndcg@10", "oracle_share@10", "regret@10", "ndcg@10", "hr@10", "mae", "rmse"]))
        #expect(
            results.rows.allSatisfy {
                $0.protocol == "cold-start" && $0.window == nil && $0.n > 0 && $0.ciLow <= $0.value
                    && $0.value <= $0.ciHigh
            })
        let popularity = try #require(
            results.rows.first { $0.model == "popularity" && $0.metric == "ndcg@10" && $0.shots == 10 })
        let random = try #require(
            results.rows.first { $0.model == "random" && $0.metric == "ndcg@10" && $0.shots == 10 })
        #expect(popularity.value > random.value)

        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## quickstart: summary at K = 10"))

        let zip = try #require(ZipDirectory(Data(contentsOf: out.appendingPathComponent("report.xlsx"))))
        #expect(zip.entries.contains("xl/workbook.xml"))
        #expect(zip.entries.contains("xl/worksheets/sheet1.xml"))
        #expect(
            zip.entries.filter { $0.hasPrefix("xl/charts/chart") }.count == 7 + 1,
            "a chart per metric, and the cost scatter")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("The same seed twice gives identical rows")
    func deterministic() throws {
        let (first, a) = try runQuickstart()
        let (second, b) = try runQuickstart()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        #expect(first.status == 0 && second.status == 0)
        let rowsA = try JSONDecoder().decode(
            Results.self, from: Data(contentsOf: a.appendingPathComponent("results.json"))
        ).rows
        let rowsB = try JSONDecoder().decode(
            Results.self, from: Data(contentsOf: b.appendingPathComponent("results.json"))
        ).rows
        // Every figure but the measured wall times is reproduced exactly.
        let measured: Set = ["fit_seconds", "adapt_ms_p50", "adapt_ms_p95", "score_ms_p50", "score_ms_p95"]
        #expect(rowsA.filter { !measured.contains($0.metric) } == rowsB.filter { !measured.contains($0.metric) })
        #expect(rowsA.filter { measured.contains($0.metric) }.count == 2 * 5 * 5)
        let perUserA = try Data(contentsOf: a.appendingPathComponent("per_user.jsonl"))
        let perUserB = try Data(contentsOf: b.appendingPathComponent("per_user.jsonl"))
        #expect(perUserA == perUserB)
    }

    @Test("Progress goes to stderr, one line per cell, unless --quiet")
    func progress() throws {
        let out = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try MetarecProcess.run([
            "run", "Scenarios/quickstart.yaml", "--out", out.path, "--jobs", "1", "--no-cache",
        ])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.split(separator: "\n").filter { $0.hasPrefix("[") }.count == 2)
        #expect(outcome.standardOutput.contains("wrote \(out.path)/report.xlsx"))
    }

    @Test("Shards run separately merge into the unsharded results; a cached re-run reuses every cell")
    func shardsAndCache() throws {
        let work = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let cache = work.appendingPathComponent("cache").path
        for index in 1...2 {
            let outcome = try MetarecProcess.run([
                "run", "Scenarios/quickstart.yaml", "--shard", "\(index)/2", "--cache", cache, "--quiet", "--out",
                work.appendingPathComponent("shard\(index)").path,
            ])
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        let merge = try MetarecProcess.run([
            "merge", work.appendingPathComponent("shard1/results.json").path,
            work.appendingPathComponent("shard2/results.json").path, "--out",
            work.appendingPathComponent("merged").path,
        ])
        #expect(merge.status == 0, "\(merge.standardError)")
        let full = try MetarecProcess.run([
            "run", "Scenarios/quickstart.yaml", "--cache", cache, "--out", work.appendingPathComponent("full").path,
        ])
        #expect(full.status == 0)
        #expect(full.standardError.contains("2 of 2 cells taken from the cache"))
        let merged = try JSONDecoder().decode(
            Results.self, from: Data(contentsOf: work.appendingPathComponent("merged/results.json")))
        let unsharded = try JSONDecoder().decode(
            Results.self, from: Data(contentsOf: work.appendingPathComponent("full/results.json")))
        #expect(merged.rows == unsharded.rows, "the cached cells keep the wall times they were measured with")
        let missing = try MetarecProcess.run([
            "merge", work.appendingPathComponent("shard1/results.json").path, "--out",
            work.appendingPathComponent("half").path,
        ])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("missing cell: quickstart /"))
        let clear = try MetarecProcess.run(["cache", "clear", "--cache", cache])
        #expect(clear.status == 0 && clear.standardOutput.contains("removed 2 cached cell(s)"))
    }

    @Test(
        "A cached re-run, into another folder, writes the reports of the run that filled the cache, byte for byte but for its own timings, from the suite's stored reports"
    )
    func cachedRerunWritesTheSameBytes() throws {
        let work = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let cache = work.appendingPathComponent("cache")
        for name in ["first", "again"] {
            let outcome = try MetarecProcess.run([
                "run", "Scenarios/quickstart.yaml", "--cache", cache.path, "--quiet", "--out",
                work.appendingPathComponent(name).path,
            ])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            #expect(outcome.standardError.isEmpty)
        }
        let first = RunReports(directory: work.appendingPathComponent("first"))
        let again = RunReports(directory: work.appendingPathComponent("again"))
        try again.expectSame(as: first)
        let results = try #require(JSONSerialization.jsonObject(with: again.data("results.json")) as? [String: Any])
        let timings = try #require((results["header"] as? [String: Any])?["timings"] as? [String: Any])
        let cells = try #require(timings["cells"] as? [[String: Any]])
        #expect(!cells.isEmpty && cells.allSatisfy { $0["cached"] as? Bool == true })
        let run = try #require(XlsxContents(again.data("report.xlsx"))).cells(of: "Run")
        #expect(run.filter { $0.key.hasPrefix("F") }.values.filter { $0 == "yes" }.count == cells.count)
        // The re-run's per_user.jsonl is the stored one, linked rather than written again.
        let entries = try FileManager.default.contentsOfDirectory(
            atPath: cache.appendingPathComponent("suites").path)
        #expect(entries.count == 1)
        let stored = cache.appendingPathComponent("suites/\(entries[0])/per_user.jsonl")
        let inode = { (url: URL) in
            try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber
        }
        #expect(try inode(stored) == inode(again.directory.appendingPathComponent("per_user.jsonl")))
    }

    @Test("Merging files of different suites is refused with exit code 2")
    func mergeRefusesOtherSuites() throws {
        let work = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        for (name, file) in [("a", "Scenarios/quickstart.yaml"), ("b", "Scenarios/ecommerce-cold-start.yaml")] {
            _ = try MetarecProcess.run([
                "run", file, "--quiet", "--no-cache", "--seeds", "1", "--out", work.appendingPathComponent(name).path,
                "--shard", "1/50",
            ])
        }
        let outcome = try MetarecProcess.run([
            "merge", work.appendingPathComponent("a/results.json").path,
            work.appendingPathComponent("b/results.json").path, "--out", work.appendingPathComponent("m").path,
        ])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("is from suite 'ecommerce-cold-start'"))
    }
}
