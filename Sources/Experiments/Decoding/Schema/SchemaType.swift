/// The values a scenario key accepts, as the decoder checks them and the JSON Schema and
/// the reference describe them.
indirect enum SchemaType: Sendable {
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// A real number in a range.
    case number(ClosedRange<Double>)
    /// `true` or `false`.
    case boolean
    /// A word; `pattern` (a regular expression) when only some words are allowed.
    case text(pattern: String?)
    /// A metric name: a family with a cut-off (`ndcg@10`) or a whole-ranking metric (`mrr`).
    case metric
    /// One of a fixed set of words.
    case choice([String])
    /// A list of values of one type; `single` when one value may be written without
    /// brackets, `count` the allowed number of items, `unique` when items must differ.
    case list(SchemaType, single: Bool, count: ClosedRange<Int>?, unique: Bool)
    /// A mapping with fixed keys.
    case mapping([SchemaKey])
    /// A number, switch or word, or a list of them.
    case value
    /// A mapping with free keys, each holding a value of one type.
    case dictionary(SchemaType)
    /// A value of any of these types.
    case either([SchemaType])
    /// A mapping whose `discriminator` key names one of several sets of further keys.
    case variants(discriminator: String, [SchemaVariant])
    /// A list of models: registered names (with their parameters) or external programs.
    case models([ModelSchema])
    /// The `world` mapping, whose keys depend on the scenario's `family`: one variant per family.
    case world([SchemaVariant])

    /// Free text.
    static let text = SchemaType.text(pattern: nil)

    /// A list of `element`, with one value allowed without brackets, at least one item, each once.
    static func distinctList(of element: SchemaType) -> SchemaType {
        .list(element, single: true, count: 1...Int.max, unique: true)
    }
}

/// One shape of a ``SchemaType/variants(discriminator:_:)`` mapping: the discriminator's
/// value and the keys it allows.
struct SchemaVariant: Sendable {
    /// The discriminator's value (`gradual`).
    let name: String
    /// The keys it allows besides the discriminator.
    let keys: [SchemaKey]
}

/// A registered model as scenario files name it: its name, summary and parameters.
struct ModelSchema: Sendable {
    /// The registered name.
    let name: String
    /// One line on the model.
    let summary: String
    /// Its hyper-parameters; each takes one value or a list (a grid).
    let parameters: [SchemaKey]
}
