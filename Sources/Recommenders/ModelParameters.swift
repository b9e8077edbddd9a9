/// A hyper-parameter value as a scenario file gives it.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    /// A whole number.
    case int(Int)
    /// A real number.
    case double(Double)
    /// A word.
    case string(String)
    /// A switch.
    case bool(Bool)
    /// A grid: the values to search on the validation users (a list in the scenario file).
    case list([ParameterValue])

    public var description: String {
        switch self {
        case let .int(value): return String(value)
        case let .double(value): return String(value)
        case let .string(value): return value
        case let .bool(value): return String(value)
        case let .list(values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// What values a hyper-parameter accepts.
public enum ParameterKind: Hashable, Sendable {
    /// A whole number in a range.
    case int(ClosedRange<Int>)
    /// A real number in a range.
    case double(ClosedRange<Double>)
    /// One of a fixed set of words.
    case choice([String])
    /// A switch.
    case bool
}

/// A hyper-parameter a model declares: its name, accepted values, default and meaning.
public struct ParameterSpec: Hashable, Sendable {
    /// The key in the scenario file's `params` mapping.
    public let name: String
    /// Accepted values.
    public let kind: ParameterKind
    /// The value used when the scenario leaves it out.
    public let defaultValue: ParameterValue
    /// One line on what it does.
    public let summary: String

    /// Creates a parameter specification.
    public init(name: String, kind: ParameterKind, defaultValue: ParameterValue, summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// Resolved hyper-parameters of one model: every declared parameter has a value.
public struct ModelParameters: Hashable, Sendable {
    /// Values by parameter name.
    public let values: [String: ParameterValue]

    /// Creates parameters from resolved values.
    public init(_ values: [String: ParameterValue] = [:]) {
        self.values = values
    }

    /// The real value of `name` (integers widen to reals).
    public func double(_ name: String) -> Double? {
        switch values[name] {
        case let .double(value): return value
        case let .int(value): return Double(value)
        default: return nil
        }
    }

    /// The integer value of `name`.
    public func int(_ name: String) -> Int? {
        if case let .int(value) = values[name] { return value }
        return nil
    }
}
