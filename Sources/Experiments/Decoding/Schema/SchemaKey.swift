/// One key of the scenario format: its name, the values it accepts, its default and a
/// one-line description. The decoder, the JSON Schema, the reference and the scenario
/// writer all read keys from here.
struct SchemaKey: Sendable {
    /// The key as the file spells it (`latent_dimension`).
    let name: String
    /// The values it accepts.
    let type: SchemaType
    /// One line on what it sets.
    let summary: String
    /// The value a file gets when it leaves the key out; `nil` when leaving it out means
    /// "none" or "off", or the key is required.
    var defaultValue: SchemaValue?
    /// What leaving the key out means when no plain value says it (`k = slate_size`).
    var defaultNote: String?
    /// Whether the key must be given.
    var required = false

    /// Creates a key.
    init(
        _ name: String, _ type: SchemaType, _ summary: String,
        default defaultValue: SchemaValue? = nil, note defaultNote: String? = nil, required: Bool = false
    ) {
        self.name = name
        self.type = type
        self.summary = summary
        self.defaultValue = defaultValue
        self.defaultNote = defaultNote
        self.required = required
    }
}

extension Array where Element == SchemaKey {
    /// The keys' names, in order.
    var names: [String] { map(\.name) }

    /// The key named `name`.
    subscript(name: String) -> SchemaKey? { first { $0.name == name } }
}
