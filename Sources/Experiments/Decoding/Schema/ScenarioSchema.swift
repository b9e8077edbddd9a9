import Evaluation
import RecData
import Recommenders
import Reporting
import Simulation

/// The scenario format's one owner: every key of scenario and suite files, with its type,
/// allowed values, default and description. The decoders check files against it, and the
/// JSON Schema (``jsonSchema(registry:)``), the reference (``reference(registry:)``) and
/// the scenario writer (`ScenarioWriter`) are generated from it.
///
/// Keys that set a configuration field are `ScenarioField`s of that configuration
/// (`FamilyWorldConfig/worldFields`, `ColdStartConfig/fields`, …), whose defaults are
/// read from the configuration's initializer; the keys below are the ones the decoders
/// read themselves.
public enum ScenarioSchema {
    // MARK: - Scenario files

    /// The top-level keys of a scenario file, in the order errors list them.
    static func scenarioKeys(registry: ModelRegistry) -> [SchemaKey] {
        [
            SchemaKey(
                "name", .text(pattern: "^[A-Za-z0-9._-]+$"),
                "The scenario's name (letters, digits, '-', '_' and '.'); reports group by it.", required: true),
            SchemaKey("description", .text, "Free text for the reader."),
            SchemaKey(
                "family", .choice(WorldFamily.allCases.map(\.rawValue)),
                "The simulated world's family; a scenario gives either family (and world) or dataset."),
            SchemaKey(
                "seeds", .distinctList(of: .integer(seedValues)),
                "The seeds to run; each gives a different world, split and model initialization.",
                default: .list(defaultSeeds.map { .integer(Int($0)) })),
            SchemaKey(
                "world", .world(worldVariants),
                "The simulated world's settings; keys left out keep the family's defaults.",
                note: "the family's defaults"),
            SchemaKey(
                "dataset", .mapping(datasetKeys),
                "A real dataset to run on instead of a simulated world; it has no oracle."),
            SchemaKey(
                "protocols", .mapping(protocolKeys), "The protocols to run, at least one.",
                note: "cold_start with its defaults"),
            SchemaKey(
                "models", .models(models(in: registry)),
                "The models to run, in order: registered names, or mappings with name, label, params or external.",
                required: true),
            SchemaKey(
                "reference", .text, "The label of the model every other is tested against.",
                note: "the strongest baseline on the validation users, by the first metric"),
            SchemaKey(
                "metrics", .list(.metric, single: true, count: 1...Int.max, unique: false),
                "The metrics to report; `metarec list` shows every name. Simulated worlds always add oracle_ndcg, oracle_share and regret first.",
                default: .texts(defaultMetrics)),
            SchemaKey("output", .mapping(outputKeys), "What reports to write."),
        ]
    }

    /// Seeds a scenario may give.
    static let seedValues = 0...Int.max
    /// The seeds of a scenario that names none.
    static let defaultSeeds: [UInt64] = [1]
    /// The metrics of a scenario that names none.
    static let defaultMetrics = ["ndcg@10", "hr@10", "mae", "rmse"]

    /// The regular expression metric names match: a family with a cut-off (`ndcg@10`) or
    /// a whole-ranking metric (`mrr`).
    static var metricPattern: String {
        let patterns = Metric.catalog.map(\.pattern)
        let plain = patterns.filter { !$0.hasSuffix("@k") }
        let cut = patterns.filter { $0.hasSuffix("@k") }.map { String($0.dropLast(2)) }
        return "^((\(cut.joined(separator: "|")))@[1-9][0-9]*|\(plain.joined(separator: "|")))$"
    }

    /// The `world` mapping of each family.
    static var worldVariants: [SchemaVariant] {
        [variant(EcommerceWorldConfig.self), variant(VideoWorldConfig.self), variant(NewsWorldConfig.self)]
    }

    private static func variant<Config: FamilyWorldConfig>(_: Config.Type) -> SchemaVariant {
        SchemaVariant(name: Config.family.rawValue, keys: Config.worldFields.keys(defaults: Config()))
    }

    /// The keys of `protocols`.
    static var protocolKeys: [SchemaKey] {
        [
            SchemaKey(
                "cold_start", .mapping(ColdStartConfig.fields.keys(defaults: ColdStartConfig())),
                "The cold-start protocol: K-shot adaptation of held-out users."),
            SchemaKey(
                "drift", .mapping(DriftConfig.fields.keys(defaults: DriftConfig())),
                "The drift protocol: models served window by window along the clock."),
            SchemaKey(
                "onboarding", .mapping(OnboardingConfig.fields.keys(defaults: OnboardingConfig())),
                "The onboarding protocol (simulated worlds only): new users served a slate per round, the model observing each answer."
            ),
            SchemaKey(
                "transfer", .mapping(TransferConfig.keys),
                "The transfer protocol (simulated worlds only): meta-train on the world's users, evaluate cold start on them and on a shifted population's, and report the gap."
            ),
        ]
    }

    /// The keys of `output`.
    static var outputKeys: [SchemaKey] {
        [
            SchemaKey(
                "formats",
                .list(.choice(ReportFormat.allCases.map(\.rawValue)), single: true, count: 1...Int.max, unique: false),
                "Report formats to write; json is always written.",
                default: .texts(ReportFormat.allCases.map(\.rawValue))
            )
        ]
    }

    // MARK: - Datasets

    /// The keys of `dataset`.
    static var datasetKeys: [SchemaKey] {
        [
            SchemaKey(
                "format", .choice(DatasetFormat.allCases.map(\.rawValue)), "The dataset's file format.", required: true),
            SchemaKey(
                "path", .text, "The folder holding the dataset's files, relative to the scenario file.", required: true),
            SchemaKey("name", .text, "The files' stem (ml-100k for ml-100k.inter); RecBole only, and required there."),
            SchemaKey(
                "fields", .mapping(datasetFieldKeys),
                "Which RecBole fields hold the user, item, rating and timestamp (RecBole only)."),
            SchemaKey(
                "unknown_ids", .choice(UnknownIDPolicy.allCases.map(\.rawValue)),
                "What to do with interactions naming unknown users or items.",
                default: .text(UnknownIDPolicy.fail.rawValue)),
            SchemaKey(
                "min_interactions", .integer(minimumInteractions), "Users with fewer interactions are dropped.",
                default: .integer(DatasetSource.melUActivity.lowerBound)),
            SchemaKey(
                "max_interactions", .either([.integer(maximumInteractions), .choice(["none"])]),
                "Users with more interactions are dropped; none keeps them all.",
                default: .integer(DatasetSource.melUActivity.upperBound)
            ),
        ]
    }

    /// The keys of `dataset.fields`.
    static var datasetFieldKeys: [SchemaKey] {
        let roles = RecBoleFieldRoles()
        return [
            SchemaKey("user", .text, "The field holding user IDs.", default: .text(roles.user)),
            SchemaKey("item", .text, "The field holding item IDs.", default: .text(roles.item)),
            SchemaKey("rating", .text, "The field holding ratings, or none.", default: .text(roles.rating ?? "none")),
            SchemaKey(
                "timestamp", .text, "The field holding timestamps, or none.", default: .text(roles.timestamp ?? "none")),
        ]
    }

    /// `dataset.min_interactions` values a scenario may give.
    static let minimumInteractions = 0...100_000_000
    /// `dataset.max_interactions` values a scenario may give, besides `none`.
    static let maximumInteractions = 1...Int.max

    // MARK: - Models

    /// The keys of a model entry that is a mapping.
    static var modelKeys: [SchemaKey] {
        [
            SchemaKey("name", .text, "The registered model, or an external model's own name.", required: true),
            SchemaKey("label", .text, "The name shown in reports.", note: "the model's name"),
            SchemaKey(
                "params", .dictionary(.value),
                "Hyper-parameters; a list of values is a grid searched on the validation users.",
                note: "the model's defaults"),
            SchemaKey(
                "protocols", .distinctList(of: .choice(ScenarioProtocol.allCases.map(\.rawValue))),
                "The protocols this model runs in, of those the scenario runs: a variant that only differs in how it serves (meta_update, exploration, retrain_every) need not repeat the others.",
                note: "every protocol of the scenario"),
            SchemaKey(
                "retrain_every", .integer(retrainIntervals),
                "This model's windows between refits in the drift protocol, in place of protocols.drift.retrain_every; 0 for never.",
                note: "protocols.drift.retrain_every"),
            SchemaKey(
                "external", .mapping(externalKeys), "Runs the model as a separate program speaking the line protocol."),
        ]
    }

    /// `retrain_every` values a model entry may give (as `protocols.drift.retrain_every`).
    static let retrainIntervals = 0...1_000

    /// The keys of a model entry's `external`.
    static var externalKeys: [SchemaKey] {
        [
            SchemaKey(
                "command", .list(.text, single: true, count: 1...Int.max, unique: false),
                "The program and its arguments, run in the scenario file's folder.", required: true),
            SchemaKey(
                "timeout_s", .number(externalTimeouts), "Seconds the program may take to answer one message.",
                default: .number(defaultExternalTimeout)),
        ]
    }

    /// `external.timeout_s` values a scenario may give.
    static let externalTimeouts = 0.001...86_400
    /// Seconds an external model may take to answer one message, unless `timeout_s` says.
    static let defaultExternalTimeout = 60.0

    /// The registered models scenario files may name, with their parameters.
    static func models(in registry: ModelRegistry) -> [ModelSchema] {
        registry.descriptors.map { descriptor in
            ModelSchema(
                name: descriptor.name, summary: descriptor.summary,
                parameters: descriptor.parameters.map { parameter in
                    SchemaKey(
                        parameter.name, parameter.kind.schemaType, parameter.summary,
                        default: parameter.defaultValue.schemaValue)
                })
        }
    }

    // MARK: - Suite files

    /// The keys of a suite file, in the order errors list them.
    static var suiteKeys: [SchemaKey] {
        [
            SchemaKey("suite", .text, "The suite's name.", required: true),
            SchemaKey("description", .text, "Free text for the reader."),
            SchemaKey(
                "scenarios", .list(.text, single: false, count: 1...Int.max, unique: false),
                "Scenario files run together into one report, relative to the suite file; names unique.", required: true
            ),
        ]
    }
}

// MARK: - Model parameters

extension ParameterKind {
    /// The values the parameter accepts.
    var schemaType: SchemaType {
        switch self {
        case let .int(range): return .integer(range)
        case let .double(range): return .number(range)
        case let .choice(choices): return .choice(choices)
        case .bool: return .boolean
        }
    }
}

extension ParameterValue {
    /// The value as a scenario file writes it.
    var schemaValue: SchemaValue {
        switch self {
        case let .int(value): return .integer(value)
        case let .double(value): return .number(value)
        case let .string(value): return .text(value)
        case let .bool(value): return .boolean(value)
        case let .list(values): return .list(values.map(\.schemaValue))
        }
    }
}
