import Foundation

extension PerUserRecord {
    /// The record as one line of `per_user.jsonl`: a JSON object with sorted keys, `shots`
    /// and `window` left out when absent, followed by a newline.
    ///
    /// Written by hand rather than through `JSONEncoder` because a suite writes hundreds of
    /// thousands of these lines and the generic encoder spends most of a cached re-run on
    /// them. Numbers print in Swift's shortest round-tripping form, so reading a line back
    /// gives the same `Double`.
    /// - Throws: ``ReportError/writeFailed(path:reason:)`` for a non-finite value, which
    ///   JSON cannot hold.
    func appendJSONLine(to output: inout [UInt8], path: String) throws {
        guard value.isFinite else {
            throw ReportError.writeFailed(path: path, reason: "the per-user value of \(coordinates.model) on \(coordinates.metric) for user \(user) is \(value)")
        }
        output.append(contentsOf: #"{"metric":"#.utf8)
        Self.appendJSONString(coordinates.metric, to: &output)
        output.append(contentsOf: #","model":"#.utf8)
        Self.appendJSONString(coordinates.model, to: &output)
        output.append(contentsOf: #","protocol":"#.utf8)
        Self.appendJSONString(coordinates.protocolName, to: &output)
        output.append(contentsOf: #","scenario":"#.utf8)
        Self.appendJSONString(coordinates.scenario, to: &output)
        output.append(contentsOf: #","seed":\#(coordinates.seed),"segment":"#.utf8)
        Self.appendJSONString(coordinates.segment, to: &output)
        if let shots = coordinates.shots { output.append(contentsOf: #","shots":\#(shots)"#.utf8) }
        output.append(contentsOf: #","user":\#(user),"value":"#.utf8)
        output.append(contentsOf: Self.jsonNumber(value).utf8)
        if let window = coordinates.window { output.append(contentsOf: #","window":\#(window)"#.utf8) }
        output.append(contentsOf: "}\n".utf8)
    }

    /// `value` as a JSON number: integral values without a fractional part, others in
    /// Swift's shortest form that reads back exactly.
    private static func jsonNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Appends `string` as a quoted JSON string, escaping quotes, backslashes and control
    /// characters (RFC 8259 §7).
    private static func appendJSONString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case ..<0x20:
                let hex = String(byte, radix: 16)
                output.append(contentsOf: #"\u"#.utf8)
                output.append(contentsOf: (String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
