import Evaluation
import Simulation
import Yams

/// Writes scenario files through Yams, with every value read through the schema
/// (``ScenarioSchema``) from a configuration, so that a written file loads back as the
/// configuration it was written from and no default is spelt twice.
struct ScenarioWriter {
    /// The top-level entries, in order.
    private var entries = [(key: String, value: Node)]()

    /// Adds a top-level key.
    mutating func add(_ key: String, _ value: SchemaValue) {
        entries.append((key, Self.node(value, depth: 1)))
    }

    /// Adds `world` with the given keys of `config`; a mapping key keeps only the entries
    /// that differ from the family's defaults.
    mutating func addWorld(_ config: WorldConfig, keys: [String]) {
        switch config {
        case let .ecommerce(config): add("world", Self.world(config, keys: keys))
        case let .video(config): add("world", Self.world(config, keys: keys))
        case let .news(config): add("world", Self.world(config, keys: keys))
        }
    }

    /// Adds `protocols.cold_start` with the given keys of `config`.
    mutating func addColdStart(_ config: ColdStartConfig, keys: [String]) {
        let fields = ColdStartConfig.fields.filter { keys.contains($0.name) }
        add("protocols", .mapping(["cold_start": fields.value(of: config)]))
    }

    /// The file: `comments` as `#` lines, then the entries.
    func yaml(comments: [String]) throws -> String {
        let pairs = entries.map { (Node.scalar(.init($0.key)), $0.value) }
        let body = try Yams.serialize(node: .mapping(.init(pairs)), width: -1, allowUnicode: true)
        return comments.map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n") + (comments.isEmpty ? "" : "\n")
            + body
    }

    // MARK: - Values

    private static func world<Config: FamilyWorldConfig>(_ config: Config, keys: [String]) -> SchemaValue {
        let defaults = Config()
        return .mapping(
            Config.worldFields.filter { keys.contains($0.name) }.compactMap { field in
                guard let value = field.read(config) else { return nil }
                guard case let .mapping(entries) = value, case let .mapping(standard)? = field.read(defaults) else {
                    return SchemaValue.Entry(key: field.name, value: value)
                }
                let changed = entries.filter { entry in !standard.contains(entry) }
                return SchemaValue.Entry(key: field.name, value: .mapping(changed.isEmpty ? entries : changed))
            })
    }

    /// The YAML node of `value`: lists, and mappings of plain values below the top level's
    /// mappings, in flow style, so that a file reads like the shipped scenarios.
    private static func node(_ value: SchemaValue, depth: Int) -> Node {
        switch value {
        case let .integer(number): return .scalar(.init(String(number)))
        case let .number(number): return .scalar(.init(SchemaValue.format(number)))
        case let .boolean(flag): return .scalar(.init(String(flag)))
        case let .text(text): return .scalar(.init(text))
        case let .list(values):
            return .sequence(.init(values.map { node($0, depth: depth + 1) }, .implicit, .flow))
        case let .mapping(entries):
            let pairs = entries.map { (Node.scalar(.init($0.key)), node($0.value, depth: depth + 1)) }
            let plain = entries.allSatisfy { entry in
                switch entry.value {
                case .list, .mapping: return false
                default: return true
                }
            }
            return .mapping(.init(pairs, .implicit, depth > 1 && plain ? .flow : .block))
        }
    }
}
