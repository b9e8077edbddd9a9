/// Writes ``JSONValue``s as compact JSON text (no spaces, no newlines), the form of one
/// protocol line.
enum JSONWriter {
    /// The compact JSON text of `value`, as UTF-8 bytes.
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var output = [UInt8]()
        write(value, into: &output)
        return output
    }

    /// Appends the compact JSON text of `value` to `output`.
    static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null:
            output += "null".utf8
        case let .bool(flag):
            output += (flag ? "true" : "false").utf8
        case let .int(number):
            writeInteger(number, into: &output)
        case let .float(number):
            if number.isFinite {
                writeReal(number.description, into: &output)
            } else {
                output += "null".utf8
            }
        case let .number(number):
            if number.isFinite {
                writeReal(number.description, into: &output)
            } else {
                output += "null".utf8
            }
        case let .string(text):
            writeString(text, into: &output)
        case let .array(elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    // MARK: - Scalars

    /// Appends a whole number's decimal digits.
    static func writeInteger(_ number: Int, into output: inout [UInt8]) {
        guard number != 0 else {
            output.append(UInt8(ascii: "0"))
            return
        }
        if number < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits = [UInt8]()
        digits.reserveCapacity(20)
        while magnitude > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        output += digits.reversed()
    }

    /// Appends a Swift real's shortest description, which is valid JSON once an exponent
    /// such as `1e-05` is kept as it is (JSON allows leading zeros in exponents).
    private static func writeReal(_ text: String, into output: inout [UInt8]) {
        output += text.utf8
    }

    /// Appends a quoted string with JSON escapes.
    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += "\\\"".utf8
            case UInt8(ascii: "\\"): output += "\\\\".utf8
            case UInt8(ascii: "\n"): output += "\\n".utf8
            case UInt8(ascii: "\r"): output += "\\r".utf8
            case UInt8(ascii: "\t"): output += "\\t".utf8
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += "\\u00".utf8
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0xF)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
