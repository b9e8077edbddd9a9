/// A JSON value that prints with its keys in the order given, two-space indented, so
/// that generated files are stable and diff well.
indirect enum JSONText {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case array([JSONText])
    case object([(key: String, value: JSONText)])

    /// The value as indented JSON.
    func printed(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case let .string(text): return Self.quoted(text)
        case let .integer(value): return String(value)
        case let .number(value): return SchemaValue.format(value)
        case let .boolean(value): return String(value)
        case let .array(items):
            guard !items.isEmpty else { return "[]" }
            if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.printed() }.joined(separator: ", ") + "]" }
            return "[\n" + items.map { inner + $0.printed(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case let .object(entries):
            guard !entries.isEmpty else { return "{}" }
            return "{\n"
                + entries.map { inner + Self.quoted($0.key) + ": " + $0.value.printed(indent: inner) }.joined(
                    separator: ",\n") + "\n\(indent)}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension SchemaValue {
    /// The value as JSON.
    var json: JSONText {
        switch self {
        case let .integer(value): return .integer(value)
        case let .number(value): return .number(value)
        case let .boolean(value): return .boolean(value)
        case let .text(value): return .string(value)
        case let .list(values): return .array(values.map(\.json))
        case let .mapping(entries): return .object(entries.map { ($0.key, $0.value.json) })
        }
    }
}
