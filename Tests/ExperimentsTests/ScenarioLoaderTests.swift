import Evaluation
import Foundation
import Recommenders
import Reporting
import Simulation
import Testing

@testable import Experiments

@Suite("Scenario files")
struct ScenarioLoaderTests {
    private let files = ScenarioFiles()
    private let loader = ScenarioLoader()

    @Test("A valid scenario decodes with defaults filled in")
    func valid() throws {
        let path = files.write("tiny.yaml", ScenarioFiles.valid())
        guard case let .scenario(spec) = try loader.load(path) else {
            Issue.record("expected a scenario")
            return
        }
        #expect(spec.name == "tiny")
        guard case let .ecommerce(world) = spec.world else {
            Issue.record("expected an e-commerce world")
            return
        }
        #expect(world.users == 120)
        #expect(world.categories == EcommerceWorldConfig().categories)
        #expect(spec.coldStart?.shots == [0, 2])
        #expect(spec.coldStart?.split == ColdStartConfig().split)
        #expect(spec.models.map(\.label) == ["random", "popularity"])
        #expect(spec.models[1].parameters.double("rating_damping") == 2)
        #expect(spec.metrics == [.oracleNDCG(k: 5), .oracleShare(k: 5), .regret(k: 5), .ndcg(k: 5), .mae])
        #expect(spec.formats == Set(ReportFormat.allCases))
        #expect(spec.sha256.count == 64)
    }

    @Test("A suite lists scenario files relative to itself")
    func suite() throws {
        _ = files.write("a.yaml", ScenarioFiles.valid(name: "a"))
        _ = files.write("b.yaml", ScenarioFiles.valid(name: "b"))
        let path = files.write("suite.yaml", "suite: both\nscenarios: [a.yaml, b.yaml]\n")
        let loaded = try loader.load(path)
        #expect(loaded.name == "both")
        #expect(loaded.scenarios.map(\.name) == ["a", "b"])
    }

    @Test("The shipped scenarios and suite are valid")
    func shipped() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let scenarios = root.appendingPathComponent("Scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: scenarios.path).filter { $0.hasSuffix(".yaml") }
        #expect(names.contains("quickstart.yaml") && names.contains("default.yaml"))
        for name in names {
            let path = scenarios.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // A real-data scenario is valid without its data only up to the data's folder.
            let needsData =
                text.contains("\ndataset:")
                && !FileManager.default.fileExists(atPath: scenarios.appendingPathComponent("data").path)
            do {
                _ = try loader.load(path)
            } catch let error as InputError where needsData {
                #expect(error.field == "dataset.path", "\(name): \(error)")
            }
        }
    }

    // MARK: - Bad input

    private func failure(_ text: String, file: String = "bad.yaml") -> InputError? {
        let path = files.write(file, text)
        do {
            _ = try loader.load(path)
            return nil
        } catch let error as InputError {
            #expect(error.file == path)
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("A missing file names the file")
    func missingFile() {
        #expect(throws: InputError(file: "/nonexistent/x.yaml", message: "no such file")) {
            try loader.load("/nonexistent/x.yaml")
        }
    }

    @Test("Malformed YAML gives the line and column of the fault")
    func malformed() throws {
        let error = try #require(failure("name: x\nfamily: [ecommerce\nmodels: - random\n"))
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("invalid YAML"))
    }

    @Test("An empty file is an error")
    func empty() throws {
        let error = try #require(failure(""))
        #expect(error.message == "the file is empty")
    }

    @Test("An unknown key names its line and field and suggests the nearest key")
    func unknownKey() throws {
        let text = ScenarioFiles.valid().replacingOccurrences(of: "  items: 60", with: "  itemz: 60")
        let error = try #require(failure(text))
        #expect(error.line == 6)
        #expect(error.field == "world.itemz")
        #expect(error.message.contains("did you mean 'items'?"))
    }

    @Test("A wrong type names the field and what was found")
    func wrongType() throws {
        let text = ScenarioFiles.valid().replacingOccurrences(of: "users: 120", with: "users: many")
        let error = try #require(failure(text))
        #expect(error.line == 5)
        #expect(error.field == "world.users")
        #expect(error.message == "expected a whole number, found 'many'")
    }

    @Test("An unknown model suggests the nearest registered one")
    func unknownModel() throws {
        let text = ScenarioFiles.valid().replacingOccurrences(of: "  - random", with: "  - randon")
        let error = try #require(failure(text))
        #expect(error.line == 15)
        #expect(error.field == "models[0]")
        #expect(error.message.contains("unknown model 'randon' (did you mean 'random'?)"))
    }

    @Test("An unknown metric suggests the nearest valid name")
    func unknownMetric() throws {
        let text = ScenarioFiles.valid().replacingOccurrences(of: "[ndcg@5, mae]", with: "[ndgc@5, mae]")
        let error = try #require(failure(text))
        #expect(error.field == "metrics[0]")
        #expect(error.line == 18)
        #expect(error.message.contains("did you mean 'ndcg@5'?"))
    }

    @Test("An unknown model parameter is refused")
    func unknownParameter() throws {
        let text = ScenarioFiles.valid().replacingOccurrences(of: "rating_damping: 2", with: "rating_dampin: 2")
        let error = try #require(failure(text))
        #expect(error.field == "models[1].params.rating_dampin")
        #expect(error.message.contains("did you mean 'rating_damping'?"))
    }

    @Test("Negative and absurd sizes are refused", arguments: ["users: -5", "users: 0", "items: 99999999999"])
    func badSizes(replacement: String) throws {
        let key = replacement.hasPrefix("users") ? "users: 120" : "items: 60"
        let error = try #require(failure(ScenarioFiles.valid().replacingOccurrences(of: key, with: replacement)))
        #expect(error.field?.hasPrefix("world.") == true)
        #expect(error.message.contains("out of range"))
    }

    @Test("A world too big for memory is refused before it is generated")
    func tooBig() throws {
        let text = ScenarioFiles.valid()
            .replacingOccurrences(of: "users: 120", with: "users: 50000000")
            .replacingOccurrences(of: "interactions_per_user: 15", with: "interactions_per_user: 90000")
        let error = try #require(failure(text))
        #expect(error.field == "world")
        #expect(error.message.contains("GiB"))
    }

    @Test("Split shares must sum to 1")
    func badSplit() throws {
        let text = ScenarioFiles.valid().replacingOccurrences(
            of: "    min_query: 3", with: "    min_query: 3\n    split: {train: 0.7, validation: 0.2, test: 0.2}")
        let error = try #require(failure(text))
        #expect(error.field == "protocols.cold_start.split")
        #expect(error.message.contains("must be 1"))
    }

    @Test("A missing required key is named")
    func missingKey() throws {
        let text = ScenarioFiles.valid().replacingOccurrences(of: "family: ecommerce\n", with: "")
        let error = try #require(failure(text))
        #expect(error.field == "family")
        #expect(error.message == "missing required key 'family'")
    }

    @Test("The same model twice needs a label")
    func duplicateModel() throws {
        let text = ScenarioFiles.valid().replacingOccurrences(of: "  - random\n", with: "  - random\n  - random\n")
        let error = try #require(failure(text))
        #expect(error.message.contains("listed twice"))
    }

    @Test("A suite naming a missing scenario points at the suite's line")
    func suiteMissingScenario() throws {
        let error = try #require(failure("suite: s\nscenarios:\n  - nowhere.yaml\n", file: "suite.yaml"))
        #expect(error.line == 3)
        #expect(error.field == "scenarios[0]")
        #expect(error.message.contains("not found"))
    }

    @Test("Error descriptions read file:line:column: field 'path': message")
    func description() {
        let error = InputError(file: "a.yaml", line: 3, column: 5, field: "world.users", message: "bad")
        #expect(error.description == "a.yaml:3:5: field 'world.users': bad")
        #expect(InputError(file: "a.yaml", message: "no such file").description == "a.yaml: no such file")
    }
}
