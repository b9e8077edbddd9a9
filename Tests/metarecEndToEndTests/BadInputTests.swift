import Foundation
import Testing

@Suite("Bad input exits 2 with a clear message")
struct BadInputTests {
    private func write(_ text: String) throws -> String {
        let path = MetarecProcess.temporaryDirectory().appendingPathComponent("scenario.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private var quickstart: String {
        get throws {
            try String(
                contentsOf: MetarecProcess.packageRoot.appendingPathComponent("Scenarios/quickstart.yaml"),
                encoding: .utf8)
        }
    }

    @Test("A missing file")
    func missingFile() throws {
        let outcome = try MetarecProcess.run(["run", "/nonexistent/scenario.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("/nonexistent/scenario.yaml: no such file"))
    }

    @Test("Malformed YAML names the line")
    func malformed() throws {
        let path = try write("name: x\nfamily: [ecommerce\n")
        let outcome = try MetarecProcess.run(["validate", path])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("\(path):3:"))
        #expect(outcome.standardError.contains("invalid YAML"))
    }

    @Test(
        "An unknown key, a wrong type, an unknown model and an unknown metric",
        arguments: [
            ("  users: 600", "  userz: 600", "field 'world.userz': unknown key 'userz' (did you mean 'users'?)"),
            ("  users: 600", "  users: lots", "field 'world.users': expected a whole number, found 'lots'"),
            (
                "  - name: random", "  - name: randm",
                "field 'models[0].name': unknown model 'randm' (did you mean 'random'?)"
            ),
            (
                "metrics: [ndcg@10,", "metrics: [ncdg@10,",
                "field 'metrics[0]': unknown metric 'ncdg@10' (did you mean 'ndcg@10'?)"
            ),
            ("  users: 600", "  users: -3", "field 'world.users': -3 is out of range"),
            (
                "  cold_start:", "  transfer: {population: {items: 90}}\n  cold_start:",
                "field 'protocols.transfer.population.items': 'items' is not a population key"
            ),
        ])
    func badField(original: String, replacement: String, message: String) throws {
        let text = try quickstart
        #expect(text.contains(original))
        let path = try write(text.replacingOccurrences(of: original, with: replacement))
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix(original) }.map { $0 + 1 } ?? 0
        for command in [
            ["validate", path], ["run", path, "--no-cache", "--out", MetarecProcess.temporaryDirectory().path],
        ] {
            let outcome = try MetarecProcess.run(command)
            #expect(outcome.status == 2)
            let printed = outcome.standardOutput + outcome.standardError
            #expect(printed.contains("\(path):\(line):"), "\(printed)")
            #expect(printed.contains(message), "\(printed)")
            #expect(!printed.contains("Fatal error"))
        }
    }

    @Test("A sweep whose largest K leaves no user a query set exits 2 at the sweep, after writing the report")
    func sweepWithoutQuery() throws {
        let text = try quickstart
        let original = "    shots: [0, 1, 3, 5, 10]"
        #expect(text.contains(original))
        let path = try write(text.replacingOccurrences(of: original, with: "    shots: [0, 5000]"))
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix(original) }.map { $0 + 1 } ?? 0
        let out = MetarecProcess.temporaryDirectory()
        let outcome = try MetarecProcess.run([
            "run", path, "--no-cache", "--quiet", "--format", "json", "--out", out.path,
        ])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("\(path):\(line):"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("field 'protocols.cold_start.shots'"))
        #expect(outcome.standardError.contains("leaves no test user a query set"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("results.json").path))
    }

    @Test("Onboarding with no rounds, or with an unknown key, names the file, line and field")
    func badOnboarding() throws {
        let text = try quickstart
        #expect(text.contains("\n  cold_start:\n"))
        let line = (text.components(separatedBy: "\n").firstIndex { $0 == "  cold_start:" } ?? 0) + 2
        for (setting, message) in [
            ("rounds: 0", "field 'protocols.onboarding.rounds': 0 is out of range 1...1000"),
            ("roundz: 3", "field 'protocols.onboarding.roundz': unknown key 'roundz' (did you mean 'rounds'?)"),
        ] {
            let path = try write(
                text.replacingOccurrences(
                    of: "\n  cold_start:\n", with: "\n  onboarding:\n    \(setting)\n  cold_start:\n"))
            let outcome = try MetarecProcess.run(["validate", path])
            #expect(outcome.status == 2)
            #expect(outcome.standardError.contains("\(path):\(line):"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        }
    }

    @Test("Usage errors exit 2, not 64")
    func usage() throws {
        #expect(try MetarecProcess.run(["run"]).status == 2)
        #expect(try MetarecProcess.run(["run", "x.yaml", "--jobs", "0"]).status == 2)
        #expect(try MetarecProcess.run(["frobnicate"]).status == 2)
        #expect(try MetarecProcess.run(["list", "things"]).status == 2)
        #expect(try MetarecProcess.run(["run", "x.yaml", "--shard", "3/2"]).status == 2)
    }
}

@Suite("metarec validate, list, help and version")
struct InformationCommandTests {
    @Test("validate accepts the shipped files")
    func validate() throws {
        let outcome = try MetarecProcess.run(["validate", "Scenarios/quickstart.yaml", "Scenarios/default.yaml"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("Scenarios/default.yaml: ok"))
    }

    @Test("list shows models with their parameters, and metrics")
    func list() throws {
        let models = try MetarecProcess.run(["list", "models"])
        #expect(models.status == 0)
        #expect(models.standardOutput.contains("popularity:"))
        #expect(models.standardOutput.contains("rating_damping (default 5.0)"))
        let metrics = try MetarecProcess.run(["list", "metrics"])
        #expect(metrics.standardOutput.contains("ndcg@k:"))
    }

    @Test("--help explains the options and --version prints the version")
    func helpAndVersion() throws {
        let help = try MetarecProcess.run(["run", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--jobs"))
        #expect(help.standardOutput.contains("--seeds"))
        let version = try MetarecProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
