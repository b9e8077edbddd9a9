import CZlib
import Foundation

/// A ZIP archive read from memory: its entry names from the central directory, and the
/// contents of stored or deflated entries.
///
/// Enough to check that an XLSX file is a well-formed package holding the expected parts,
/// and to read the values of its cells back.
public struct ZipDirectory {
    private struct Entry {
        let name: String
        let method: Int
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeader: Int
    }

    private let bytes: [UInt8]
    private let index: [Entry]

    /// Entry names, in central-directory order.
    public var entries: [String] { index.map(\.name) }

    /// Reads the central directory of the archive in `data`; `nil` when it is not a ZIP file.
    public init?(_ data: Data) {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 22 else { return nil }
        guard
            let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 65_557), by: -1)
                .first(where: { u32($0) == 0x0605_4B50 })
        else { return nil }
        let count = u16(end + 10)
        var offset = u32(end + 16)
        var index = [Entry]()
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { return nil }
            let nameLength = u16(offset + 28)
            let extraLength = u16(offset + 30)
            let commentLength = u16(offset + 32)
            guard offset + 46 + nameLength <= bytes.count else { return nil }
            index.append(
                Entry(
                    name: String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self),
                    method: u16(offset + 10), compressedSize: u32(offset + 20), uncompressedSize: u32(offset + 24),
                    localHeader: u32(offset + 42)
                ))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.bytes = bytes
        self.index = index
    }

    /// The contents of the entry `name` as text, or `nil` when it is absent or unreadable.
    public func text(of name: String) -> String? {
        guard let entry = index.first(where: { $0.name == name }) else { return nil }
        let header = entry.localHeader
        guard header + 30 <= bytes.count else { return nil }
        let start =
            header + 30 + (Int(bytes[header + 26]) | Int(bytes[header + 27]) << 8)
            + (Int(bytes[header + 28]) | Int(bytes[header + 29]) << 8)
        guard start + entry.compressedSize <= bytes.count else { return nil }
        let compressed = Array(bytes[start..<(start + entry.compressedSize)])
        switch entry.method {
        case 0: return String(decoding: compressed, as: UTF8.self)
        case 8:
            return Self.inflate(compressed, size: entry.uncompressedSize).map { String(decoding: $0, as: UTF8.self) }
        default: return nil
        }
    }

    /// Raw-deflate decompression through zlib.
    private static func inflate(_ input: [UInt8], size: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return nil
        }
        defer { inflateEnd(&stream) }
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
