import Foundation
import Simulation
import TestSupport
import Testing
import Yams

@testable import Experiments

/// The scenario schema is the one source of the format: the committed JSON Schema and
/// reference are its current output, every shipped scenario follows it, and every key it
/// lists reaches the JSON Schema, the reference and the scenario writer.
@Suite("Scenario schema")
struct ScenarioSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func committed(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    // MARK: - Generated files

    @Test("Scenarios/metarec.schema.json is the schema's current JSON Schema")
    func jsonSchemaIsCurrent() throws {
        let current = try committed("Scenarios/metarec.schema.json") == ScenarioSchema.jsonSchema()
        #expect(current, "stale: regenerate with `metarec schema > Scenarios/metarec.schema.json`")
    }

    @Test("docs/scenario-reference.md is the schema's current reference")
    func referenceIsCurrent() throws {
        let current = try committed("docs/scenario-reference.md") == ScenarioSchema.reference()
        #expect(current, "stale: regenerate with `metarec schema --reference > docs/scenario-reference.md`")
    }

    @Test("The JSON Schema is valid JSON naming draft 2020-12")
    func jsonSchemaParses() throws {
        let object = try JSONSerialization.jsonObject(with: Data(ScenarioSchema.jsonSchema().utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    // MARK: - Shipped scenarios

    /// The scenario and suite files under Scenarios/ and Examples/.
    static var shippedFiles: [URL] {
        ["Scenarios", "Examples"].flatMap { folder -> [URL] in
            let enumerator = FileManager.default.enumerator(
                at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            return (enumerator?.allObjects as? [URL] ?? []).filter { url in
                guard url.pathExtension == "yaml", let text = try? String(contentsOf: url, encoding: .utf8),
                    case let .mapping(mapping)? = try? Yams.compose(yaml: text)
                else { return false }
                return mapping["suite"] != nil || mapping["models"] != nil
            }
        }.sorted { $0.path < $1.path }
    }

    @Test("Every shipped scenario and suite loads, and names the schema on its first line")
    func shippedFilesFollowTheSchema() throws {
        let files = Self.shippedFiles
        #expect(files.count >= 13)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let schema = URL(fileURLWithPath: file.deletingLastPathComponent().path)
                .appendingPathComponent(
                    String(text.prefix { $0 != "\n" }.dropFirst("# yaml-language-server: $schema=".count)))
            #expect(text.hasPrefix("# yaml-language-server: $schema="), "\(file.path) has no schema line")
            #expect(
                schema.standardizedFileURL.path
                    == Self.root.appendingPathComponent("Scenarios/metarec.schema.json").standardizedFileURL.path)
            do {
                _ = try ScenarioLoader().load(file.path)
            } catch let error as InputError where error.field == "dataset.path" {
                // A real dataset that is not shipped (movielens-100k.yaml): everything before its folder was checked.
            }
        }
    }

    @Test("A mutated shipped scenario fails with the message validate prints: file, line, column, field, did you mean")
    func mutatedScenario() throws {
        let text = try committed("Scenarios/quickstart.yaml").replacingOccurrences(
            of: "  users: 600", with: "  userz: 600")
        let path = Scratch.file("mutated", suffix: ".yaml")
            .path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: InputError.self) { try ScenarioLoader().load(path) }
        do {
            _ = try ScenarioLoader().load(path)
        } catch let error as InputError {
            #expect(
                error.description
                    == "\(path):9:3: field 'world.userz': unknown key 'userz' (did you mean 'users'?); allowed: "
                    + Self.ecommerceKeys)
        }
    }

    /// The keys an e-commerce `world` accepts, in the order the decoder has always listed them.
    static let ecommerceKeys =
        "users, items, latent_dimension, days, archetypes, archetype_sharpness, feature_share, individual_noise, archetype_mix, "
        + "interactions_per_user, min_interactions_per_user, activity, activity_spread, interactions_per_session, popularity_exponent, "
        + "quality_spread, item_feature_share, content_embedding, slate_size, logging_policy, choice_temperature, no_choice_utility, "
        + "position_bias, drift, categories, subcategories, brands, price, seasonal, purchase, rating_probability, rating_noise, "
        + "rating_thresholds, dataset_signal"

    // MARK: - One entry per key

    /// Every key path of the scenario and suite formats, as the reference writes them.
    static var keyPaths: [String] {
        func paths(_ keys: [SchemaKey], _ prefix: String) -> [String] {
            keys.flatMap { key -> [String] in
                let path = prefix.isEmpty ? key.name : "\(prefix).\(key.name)"
                if case let .mapping(children) = key.type { return [path] + paths(children, path) }
                return [path]
            }
        }
        let world = ScenarioSchema.worldVariants.flatMap { paths($0.keys.filter { $0.name != "drift" }, "world") }
        let drift = DriftKind.all.flatMap { paths($0.keys, "") }
        let models = ScenarioSchema.models(in: .builtIn).flatMap { paths($0.parameters, "") }
        let scenario = paths(ScenarioSchema.scenarioKeys(registry: .builtIn), "")
        return scenario + world + drift + paths(ScenarioSchema.modelKeys, "models[]") + models
            + paths(ScenarioSchema.suiteKeys, "")
    }

    @Test("Every schema key is in the reference, with its type, allowed values, default and description")
    func everyKeyInReference() throws {
        let reference = ScenarioSchema.reference()
        let missing = Set(Self.keyPaths).filter { !reference.contains("| `\($0)` |") }
        #expect(missing.isEmpty, "missing from the reference: \(missing.sorted())")
        let users = try #require(reference.split(separator: "\n").first { $0.hasPrefix("| `world.users` |") })
        #expect(users == "| `world.users` | integer | 10 … 50000000 | `1000` | `1000` | `1000` | Number of users. |")
    }

    @Test("Every schema key is a property of the JSON Schema")
    func everyKeyInJSONSchema() throws {
        let json = ScenarioSchema.jsonSchema()
        let missing = Set(Self.keyPaths).filter { path in
            !json.contains("\"\(path.split(separator: ".").last ?? ""[...])\": {")
        }
        #expect(missing.isEmpty, "missing from the JSON Schema: \(missing.sorted())")
    }

    @Test("The schema lists every drift process the simulator has, in its order")
    func everyDriftKind() {
        #expect(DriftKind.all.map(\.name) == DriftProcess.kinds)
    }

    @Test("The scenario writer writes every world key of every family, and the file loads back as the same world")
    func writerWritesEveryWorldKey() throws {
        try roundTrip(EcommerceWorldConfig.self) { .ecommerce($0) }
        try roundTrip(VideoWorldConfig.self) { .video($0) }
        try roundTrip(NewsWorldConfig.self) { .news($0) }
    }

    private func roundTrip<Config: FamilyWorldConfig>(_: Config.Type, _ world: (Config) -> WorldConfig) throws {
        var config = Config()
        config.common.contentEmbedding = ContentEmbeddingConfig()
        config.common.activity = .pareto(tailIndex: 3)
        config.common.archetypeMix = (0..<config.common.archetypes).map { Double($0) / 2 }
        let keys = Config.worldFields.map(\.name).filter { $0 != "drift" }
        var writer = ScenarioWriter()
        writer.add("name", .text("round-trip"))
        writer.add("family", .text(Config.family.rawValue))
        writer.addWorld(world(config), keys: keys)
        writer.add("models", .texts(["random"]))
        let yaml = try writer.yaml(comments: ["every world key"])
        for key in keys {
            #expect(yaml.contains("\n  \(key): "), "\(key) is not written for \(Config.family)")
        }
        let path = Scratch.file("round-trip", suffix: ".yaml")
            .path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try ScenarioLoader().load(path)
        #expect(loaded.scenarios.first?.world == world(config))
    }
}
