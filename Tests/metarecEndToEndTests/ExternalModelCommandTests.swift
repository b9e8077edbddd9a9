import Foundation
import Testing

/// `metarec run` with models in other processes, through the Python client helper in
/// `Examples/python/`.
@Suite("metarec run: external models")
struct ExternalModelCommandTests {
    private struct Results: Decodable {
        struct Row: Decodable {
            let model: String
            let `protocol`: String
            let segment: String
            let shots: Int?
            let window: Int?
            let metric: String
            let value: Double
        }
        let rows: [Row]
    }

    private func results(_ directory: URL) throws -> Results {
        try JSONDecoder().decode(Results.self, from: Data(contentsOf: directory.appendingPathComponent("results.json")))
    }

    @Test("A Python model runs beside the built-ins, ranks like the built-in popularity and passes the gate")
    func pythonPopularity() throws {
        let out = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try MetarecProcess.run([
            "run", "Examples/python/popularity.yaml", "--out", out.path, "--quiet", "--no-cache",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let rows = try results(out).rows
        #expect(Set(rows.map(\.model)) == ["random", "popularity", "python-popularity"])
        let ranking = { (model: String) in
            rows.filter { $0.model == model && $0.segment == "all" && $0.metric == "ndcg@10" }.sorted {
                ($0.shots ?? 0) < ($1.shots ?? 0)
            }.map(\.value)
        }
        #expect(ranking("python-popularity").count == 5)
        #expect(ranking("python-popularity") == ranking("popularity"))
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("| cold-start | python-popularity |"))

        let results = out.appendingPathComponent("results.json").path
        let gate = try MetarecProcess.run(["compare", results, results])
        #expect(gate.status == 0, "\(gate.standardError)")
        #expect(gate.standardOutput.contains("python-popularity/cold-start/python-popularity  ndcg@10 K=10"))
    }

    @Test("Through the drift protocol, observing window by window, the Python model matches the built-in one")
    func drift() throws {
        let directory = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = MetarecProcess.packageRoot.appendingPathComponent("Examples/python/popularity_model.py").path
        var scenario = try String(
            contentsOf: MetarecProcess.packageRoot.appendingPathComponent("Scenarios/ecommerce.yaml"), encoding: .utf8)
        let sizes = [
            "  users:": "  users: 400", "  items:": "  items: 300", "    windows:": "    windows: 3",
            "    max_users:": "    max_users: 40",
        ]
        scenario = scenario.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            sizes.first { line.hasPrefix($0.key) }?.value ?? String(line)
        }.joined(separator: "\n")
        let models = try #require(scenario.range(of: "\nmodels:\n"), "Scenarios/ecommerce.yaml no longer lists models")
        let metrics = try #require(scenario.range(of: "\nmetrics:", range: models.upperBound..<scenario.endIndex))
        scenario.replaceSubrange(
            models.lowerBound..<metrics.lowerBound,
            with: "\nmodels:\n  - popularity\n  - {name: python-popularity, external: {command: [python3, \(model)]}}\n"
        )
        scenario = scenario.replacingOccurrences(of: "seeds: [1, 2, 3]", with: "seeds: [1]")
        let path = directory.appendingPathComponent("drift.yaml")
        try Data(scenario.utf8).write(to: path)
        let out = directory.appendingPathComponent("out")
        let outcome = try MetarecProcess.run([
            "run", path.path, "--out", out.path, "--quiet", "--no-cache", "--format", "json",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let drift = try results(out).rows.filter { $0.protocol == "drift" && $0.segment == "all" }
        let figures = { (model: String) in
            drift.filter { $0.model == model }.sorted { ($0.metric, $0.window ?? -1) < ($1.metric, $1.window ?? -1) }
                .map(\.value)
        }
        #expect(!figures("python-popularity").isEmpty)
        #expect(figures("python-popularity") == figures("popularity"))
    }

    @Test("A crashing Python model fails its cells with its traceback in the report; the others finish")
    func crashingModel() throws {
        let directory = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = MetarecProcess.packageRoot.appendingPathComponent("Examples/python").path
        try Data(
            """
            import sys
            sys.path.insert(0, \(String(reflecting: client)))
            from metarec_client import Model, run
            class Crashing(Model):
                def fit(self, data):
                    print("fitting", len(data.users), "users")
                    raise MemoryError("cannot allocate the embedding table")
            run(Crashing())
            """.utf8
        ).write(to: directory.appendingPathComponent("crashing.py"))
        let scenario = try String(
            contentsOf: MetarecProcess.packageRoot.appendingPathComponent("Scenarios/quickstart.yaml"), encoding: .utf8
        )
        .replacingOccurrences(
            of: "models:\n",
            with: "models:\n  - {name: crashing, external: {command: [python3, crashing.py], timeout_s: 30}}\n")
        let path = directory.appendingPathComponent("crash.yaml")
        try Data(scenario.utf8).write(to: path)
        let out = directory.appendingPathComponent("out")
        let outcome = try MetarecProcess.run([
            "run", path.path, "--out", out.path, "--quiet", "--no-cache", "--format", "json,markdown",
        ])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError.contains(
                "cell failed: quickstart / crashing / seed 1: external model 'crashing' (python3 crashing.py): the model reported an error: MemoryError: cannot allocate the embedding table"
            ))
        #expect(outcome.standardError.contains(#"  sent: {"type":"fit","part":"end"}"#))
        #expect(outcome.standardError.contains("    fitting 420 users"))
        #expect(Set(try results(out).rows.map(\.model)) == ["random", "popularity"])
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## Failed cells"))
        #expect(markdown.contains("- quickstart / crashing / seed 1: external model 'crashing'"))
    }

    @Test("metarec validate names the line and field of a bad external entry")
    func validate() throws {
        let directory = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try String(
            contentsOf: MetarecProcess.packageRoot.appendingPathComponent("Scenarios/quickstart.yaml"), encoding: .utf8
        )
        .replacingOccurrences(
            of: "models:\n", with: "models:\n  - {name: mine, external: {command: [no-such-interpreter, m.py]}}\n")
        let path = directory.appendingPathComponent("bad.yaml")
        try Data(scenario.utf8).write(to: path)
        let outcome = try MetarecProcess.run(["validate", path.path])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError.contains(
                "\(path.path):29:38: field 'models[0].external.command': 'no-such-interpreter' is not an executable on PATH"
            ), "\(outcome.standardError)")
    }
}
