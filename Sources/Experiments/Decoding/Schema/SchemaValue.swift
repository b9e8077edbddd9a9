import Foundation

/// A value in a scenario file: a default the schema documents, or a value the scenario
/// writer emits.
indirect enum SchemaValue: Equatable, Sendable {
    /// A whole number.
    case integer(Int)
    /// A real number.
    case number(Double)
    /// A switch.
    case boolean(Bool)
    /// A word.
    case text(String)
    /// A list.
    case list([SchemaValue])
    /// A mapping, in key order.
    case mapping([Entry])

    /// One key and value of a mapping.
    struct Entry: Equatable, Sendable {
        /// The key.
        let key: String
        /// Its value.
        let value: SchemaValue
    }

    /// A mapping from ordered pairs.
    static func mapping(_ pairs: KeyValuePairs<String, SchemaValue>) -> SchemaValue {
        .mapping(pairs.map { Entry(key: $0.key, value: $0.value) })
    }

    /// A list of words.
    static func texts(_ words: [String]) -> SchemaValue { .list(words.map(SchemaValue.text)) }

    /// A real number as files write it: whole numbers without a fraction, others in the
    /// shortest form that reads back the same.
    static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }

    /// The value in YAML flow style (`[0, 1, 3]`, `{train: 0.7, test: 0.3}`), as the
    /// reference prints defaults.
    var flowText: String {
        switch self {
        case let .integer(value): return String(value)
        case let .number(value): return Self.format(value)
        case let .boolean(value): return String(value)
        case let .text(value): return value
        case let .list(values): return "[" + values.map(\.flowText).joined(separator: ", ") + "]"
        case let .mapping(entries):
            return "{" + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }
}
