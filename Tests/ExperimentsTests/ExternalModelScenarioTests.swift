import Foundation
import Recommenders
import Reporting
import Testing

@testable import Experiments

@Suite("Scenario files: external models")
struct ExternalModelScenarioTests {
    private let files = ScenarioFiles()
    private static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/python")

    /// A scenario whose models are `random`, `popularity` and the given entries.
    private func scenario(_ entries: String) -> String {
        ScenarioFiles.valid().replacingOccurrences(
            of: "  - name: popularity\n    params: {rating_damping: 2}",
            with: "  - name: popularity\n    params: {rating_damping: 2}\n" + entries
        )
    }

    private func failure(_ entries: String) -> InputError? {
        let error = files.loadError(scenario(entries), name: "bad.yaml")
        if error == nil { Issue.record("the scenario did not fail with an input error") }
        return error
    }

    // MARK: - Decoding

    @Test("An external entry runs its command in the scenario's directory with its parameters")
    func decodes() throws {
        _ = files.write("model.py", "print('hi')\n")
        let path = files.write(
            "ok.yaml",
            scenario(
                """
                  - name: mine
                    label: my-model
                    external: {command: [python3, model.py], timeout_s: 2.5}
                    params: {steps: 3, rate: 0.1, fast: true, kind: maml}
                """))
        let spec = try #require(try ScenarioLoader().load(path).scenarios.first)
        let model = try #require(spec.models.last)
        #expect(model.label == "my-model")
        #expect(model.descriptor.name == "mine")
        #expect(model.descriptor.summary == "External model: python3 model.py")
        #expect(
            model.parameters.values == [
                "steps": .int(3), "rate": .double(0.1), "fast": .bool(true), "kind": .string("maml"),
            ])
        let recommender = try #require(model.descriptor.make(model.parameters, 9) as? ExternalRecommender)
        #expect(recommender.config.workingDirectory == files.directory.path)
        #expect(recommender.config.timeout == 2.5)
        #expect(recommender.config.executable.hasSuffix("/python3"))
    }

    @Test("The timeout defaults to 60 seconds")
    func defaultTimeout() throws {
        let path = files.write("ok.yaml", scenario("  - {name: mine, external: {command: [python3, model.py]}}\n"))
        let spec = try #require(try ScenarioLoader().load(path).scenarios.first)
        let recommender = try #require(
            spec.models.last.map { $0.descriptor.make($0.parameters, 1) } as? ExternalRecommender)
        #expect(recommender.config.timeout == 60)
    }

    @Test(
        "Bad external entries name the line and field",
        arguments: [
            (
                "  - {name: mine, external: {command: [python3, m.py], timeot_s: 5}}", "models[2].external.timeot_s",
                "did you mean 'timeout_s'?"
            ),
            (
                "  - {name: mine, external: {timeout_s: 5}}", "models[2].external.command",
                "missing required key 'command'"
            ),
            (
                "  - {name: mine, external: {command: [no-such-program-metarec]}}", "models[2].external.command",
                "not an executable on PATH"
            ),
            (
                "  - {name: mine, external: {command: [./missing.sh]}}", "models[2].external.command",
                "'./missing.sh' is not an executable file"
            ),
            (
                "  - {name: mine, external: {command: python3 m.py}}", "models[2].external.command",
                "e.g. [python3, m.py]"
            ),
            (
                "  - {name: mine, external: {command: []}}", "models[2].external.command",
                "give the program and its arguments"
            ),
            (
                "  - {name: mine, external: {command: [python3], timeout_s: 0}}", "models[2].external.timeout_s",
                "out of range"
            ),
            (
                "  - {name: popularity, label: p2, external: {command: [python3]}}", "models[2].name",
                "'popularity' is a registered model"
            ),
            (
                "  - {name: mine, external: {command: [python3]}, params: {a: [1, 2]}}", "models[2].params.a",
                "single values"
            ),
            ("  - {name: mine, external: [python3]}", "models[2].external", "expected a mapping"),
        ])
    func badEntries(entry: String, field: String, message: String) throws {
        let error = try #require(failure(entry + "\n"))
        #expect(error.field == field)
        #expect(error.line == 18)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("Editing the model's script changes its cells' cache keys")
    func fingerprint() throws {
        _ = files.write("model.py", "version = 1\n")
        let path = files.write("ok.yaml", scenario("  - {name: mine, external: {command: [python3, model.py]}}\n"))
        let key = { () throws -> String in
            let spec = try #require(try ScenarioLoader().load(path).scenarios.first)
            let model = try #require(spec.models.last)
            return SuiteCell(scenario: spec, seed: 1, model: model).cacheKey(build: "b")
        }
        let before = try key()
        #expect(try key() == before)
        _ = files.write("model.py", "version = 2\n")
        #expect(try key() != before)
    }

    // MARK: - Running

    @Test("A failing external model fails its cells only; a working one reports beside the built-ins")
    func run() async throws {
        let client = Self.examples.path
        _ = files.write(
            "broken.py",
            """
            import sys
            sys.path.insert(0, \(String(reflecting: client)))
            from metarec_client import Model, run
            class Broken(Model):
                def score(self, state):
                    print("about to divide")
                    return [1 / 0 for item in range(self.item_count)]
            run(Broken())
            """)
        let popularity = Self.examples.appendingPathComponent("popularity_model.py").path
        let path = files.write(
            "mixed.yaml",
            scenario(
                """
                  - {name: broken, external: {command: [python3, broken.py], timeout_s: 30}}
                  - {name: python-popularity, external: {command: [python3, \(popularity)], timeout_s: 30}}
                """))
        let spec = try #require(try ScenarioLoader().load(path).scenarios.first)
        let run = await SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.map(\.model) == ["broken"])
        let error = try #require(run.failures.first?.error)
        #expect(
            error.contains(
                "external model 'broken' (python3 broken.py): the model reported an error: ZeroDivisionError: division by zero"
            ))
        #expect(error.contains(#"  sent: {"type":"score","id":0}"#))
        #expect(error.contains(#"  received: {"type":"error","message":"ZeroDivisionError: division by zero"}"#))
        #expect(error.contains("    about to divide"))
        #expect(!error.contains("  process:"))
        #expect(error.contains("    ZeroDivisionError: division by zero"))
        #expect(Set(run.results.rows.map(\.model)) == ["random", "popularity", "python-popularity"])
        let ndcg = { (model: String) in
            run.results.rows.filter { $0.model == model && $0.metric == "ndcg@5" }.map(\.value)
        }
        #expect(ndcg("python-popularity") == ndcg("popularity"))
        #expect(!ndcg("popularity").isEmpty)
        #expect(run.results.header.scenarios.first?.baselines == ["random", "popularity"])
    }
}
