import Foundation
import Testing

@Suite("metarec simulate")
struct SimulateCommandTests {
    @Test("The quickstart's world is written as RecBole atomic files with a summary")
    func recBole() throws {
        let out = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try MetarecProcess.run(["simulate", "Scenarios/quickstart.yaml", "--out", out.path, "--quiet"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            names == ["quickstart.inter", "quickstart.item", "quickstart.user", "shift_events.csv", "summary.json"])
        let inter = try String(contentsOf: out.appendingPathComponent("quickstart.inter"), encoding: .utf8)
        #expect(inter.hasPrefix("user_id:token\titem_id:token\ttimestamp:float\trating:float\t"))
        let summary =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as? [String: Any]
        #expect(summary?["users"] as? Int == 600)
    }

    @Test("CSV export and the same world for any thread count")
    func csvAndThreads() throws {
        let one = MetarecProcess.temporaryDirectory()
        let two = MetarecProcess.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
        }
        for (out, threads) in [(one, "1"), (two, "2")] {
            let outcome = try MetarecProcess.run([
                "simulate", "Scenarios/quickstart.yaml", "--out", out.path, "--format", "csv", "--threads", threads,
                "--quiet",
            ])
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        let first = try Data(contentsOf: one.appendingPathComponent("interactions.csv"))
        #expect(first == (try Data(contentsOf: two.appendingPathComponent("interactions.csv"))))
        #expect(
            String(decoding: first.prefix(64), as: UTF8.self).hasPrefix(
                "user_id,item_id,timestamp,in_dataset,value,position"))
    }

    @Test("Bad input exits 2 with the file, line and field")
    func badInput() throws {
        let folder = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = folder.appendingPathComponent("bad.yaml")
        try Data("name: bad\nfamily: news\nworld:\n  topics: 0\nmodels: [random]\n".utf8).write(to: scenario)
        let outcome = try MetarecProcess.run(["simulate", scenario.path, "--out", folder.path])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("bad.yaml:4:11: field 'world.topics': 0 is out of range"))
        let usage = try MetarecProcess.run([
            "simulate", "Scenarios/quickstart.yaml", "--out", folder.path, "--format", "parquet",
        ])
        #expect(usage.status == 2)
    }
}
