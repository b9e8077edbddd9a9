import Crypto
import Foundation

/// Writes `per_user.jsonl`: one JSON object per record with sorted keys, `shots`,
/// `round` and `window` left out when absent, streamed to the file in chunks.
///
/// Written by hand rather than through `JSONEncoder` because a suite writes up to millions
/// of these lines. Records arrive in runs that share their coordinates, so the line's head
/// (every key before `user`) and tail are encoded once per run. Numbers print in Swift's
/// shortest round-tripping form, so reading a line back gives the same `Double`.
struct PerUserLineWriter {
    /// The file's path, for error messages.
    let path: String
    private var coordinates: ResultCoordinates?
    private var head = [UInt8]()
    private var tail = [UInt8]()

    /// A writer whose errors name `path`.
    init(path: String) {
        self.path = path
    }

    /// Appends `record`'s line to `output`.
    /// - Throws: ``ReportError/writeFailed(path:reason:)`` for a non-finite value, which
    ///   JSON cannot hold.
    mutating func append(_ record: PerUserRecord, to output: inout [UInt8]) throws {
        guard record.value.isFinite else {
            throw ReportError.writeFailed(
                path: path,
                reason:
                    "the per-user value of \(record.model) on \(record.metric) for user \(record.user) is \(record.value)"
            )
        }
        if record.coordinates != coordinates { encode(record.coordinates) }
        output.append(contentsOf: head)
        Self.appendDecimal(UInt64(record.user), to: &output)
        output.append(contentsOf: #","value":"#.utf8)
        Self.appendJSONNumber(record.value, to: &output)
        output.append(contentsOf: tail)
    }

    /// Writes every record to `url` (a temporary file the caller renames), flushing every
    /// `chunk` bytes (a few megabytes) so the whole file is never held in memory, and
    /// returns the file's hex SHA-256, hashed chunk by chunk as written rather than read back.
    @discardableResult
    mutating func write(_ records: [PerUserRecord], to url: URL, chunk: Int = 4 << 20) throws -> String {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: url)
        else {
            throw ReportError.writeFailed(path: path, reason: "cannot create the file")
        }
        defer { try? handle.close() }
        var digest = SHA256()
        var buffer = [UInt8]()
        buffer.reserveCapacity(chunk + 512)
        for record in records {
            try append(record, to: &buffer)
            if buffer.count >= chunk {
                digest.update(data: buffer)
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        digest.update(data: buffer)
        try handle.write(contentsOf: buffer)
        return ContentDigest.hex(digest.finalize())
    }

    private mutating func encode(_ new: ResultCoordinates) {
        coordinates = new
        head.removeAll(keepingCapacity: true)
        head.append(contentsOf: #"{"metric":"#.utf8)
        Self.appendJSONString(new.metric, to: &head)
        head.append(contentsOf: #","model":"#.utf8)
        Self.appendJSONString(new.model, to: &head)
        head.append(contentsOf: #","protocol":"#.utf8)
        Self.appendJSONString(new.protocolName, to: &head)
        if let round = new.round { head.append(contentsOf: #","round":\#(round)"#.utf8) }
        head.append(contentsOf: #","scenario":"#.utf8)
        Self.appendJSONString(new.scenario, to: &head)
        head.append(contentsOf: #","seed":\#(new.seed),"segment":"#.utf8)
        Self.appendJSONString(new.segment, to: &head)
        if let shots = new.shots { head.append(contentsOf: #","shots":\#(shots)"#.utf8) }
        head.append(contentsOf: #","user":"#.utf8)
        tail.removeAll(keepingCapacity: true)
        if let window = new.window { tail.append(contentsOf: #","window":\#(window)"#.utf8) }
        tail.append(contentsOf: "}\n".utf8)
    }

    /// Appends `value` as a JSON number: integral values without a fractional part, others
    /// in Swift's shortest form that reads back exactly (its `description`).
    private static func appendJSONNumber(_ value: Double, to output: inout [UInt8]) {
        guard value == value.rounded(), abs(value) < 1e15 else {
            output.append(contentsOf: value.description.utf8)
            return
        }
        let integer = Int64(value)
        if integer < 0 { output.append(UInt8(ascii: "-")) }
        appendDecimal(integer.magnitude, to: &output)
    }

    /// Appends `value`'s decimal digits, as `String(value)` writes them.
    private static func appendDecimal(_ value: UInt64, to output: inout [UInt8]) {
        var divisor: UInt64 = 1
        while value / divisor >= 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
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
