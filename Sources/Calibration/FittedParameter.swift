import Foundation

/// One world key calibration set, with its value as the scenario file spells it and
/// how it was obtained.
public struct FittedParameter: Hashable, Sendable {
    /// The key under `world:` (`popularity_exponent`).
    public let key: String
    /// The value in YAML (`0.83`, `[-1.2, -0.4, 0.3, 1.1]`, `{intercept: 0.2}`).
    public let value: String
    /// How it was obtained, in a few words.
    public let method: String

    /// Creates a parameter.
    public init(key: String, value: String, method: String) {
        self.key = key
        self.value = value
        self.method = method
    }

    /// `value` as the scenario file will hold it (rounded to four decimals), so that the
    /// fitted world and the one the written scenario loads are the same.
    public static func rounded(_ value: Double) -> Double {
        Double(number(value)) ?? value
    }

    /// A number as the scenario file writes it: at most four decimals, no trailing zeros.
    public static func number(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
