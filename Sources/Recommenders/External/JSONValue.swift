/// A JSON value as the process protocol sends and receives it.
///
/// Objects keep their keys in order, so that messages read the way the protocol document
/// shows them (`type` first). Numbers the toolkit writes keep their Swift type, so that a
/// `Float` feature is written in its shortest form (`0.1`, not `0.10000000149011612`);
/// numbers it reads are `number`s.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number the toolkit writes.
    case int(Int)
    /// A single-precision number the toolkit writes (non-finite values are written as `null`).
    case float(Float)
    /// A number; every number read is one. `NaN` and `Infinity`, which some encoders write
    /// although JSON has no such numbers, are read as non-finite numbers so that they can
    /// be reported as such.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in order.
    case object([(key: String, value: JSONValue)])

    /// The value of `key` when this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The number as a `Double`, when this is a number of any kind.
    public var doubleValue: Double? {
        switch self {
        case let .int(value): return Double(value)
        case let .float(value): return Double(value)
        case let .number(value): return value
        default: return nil
        }
    }

    /// The boolean, when this is one.
    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default:
            guard let a = lhs.doubleValue, let b = rhs.doubleValue else { return false }
            return a == b || (a.isNaN && b.isNaN)
        }
    }
}
