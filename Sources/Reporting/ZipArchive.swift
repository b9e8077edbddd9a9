import CZlib
import Foundation

/// A ZIP archive (an XLSX workbook) read from memory, whose entries can be read and
/// replaced without recompressing the others.
///
/// A cached re-run reuses the workbook of the run that stored it and replaces only the
/// parts that hold the run's own start and wall time (see `CachedReports` in Experiments): the
/// workbook's 47 MB of XML are copied as they are, compressed, instead of being written
/// and deflated again. Handles what libxlsxwriter writes: stored or deflated entries, sizes
/// in the local headers (no data descriptors), no ZIP64.
public struct ZipArchive: Sendable {
    private struct Entry: Sendable {
        let name: String
        /// The entry's central-directory record.
        let central: Range<Int>
        /// The local header and the compressed data after it.
        let local: Range<Int>
        let dataStart: Int
        let method: Int
        let crc: UInt32
        let uncompressedSize: Int
    }

    private let bytes: [UInt8]
    private let entries: [Entry]

    /// Reads the central directory of the archive in `data`.
    /// - Throws: ``ReportError/unreadableResults(path:reason:)`` naming `path` when `data`
    ///   is not such an archive or is truncated.
    public init(_ data: Data, path: String) throws {
        let bytes = [UInt8](data)
        let damaged = { (what: String) in
            ReportError.unreadableResults(path: path, reason: "not a ZIP archive (\(what))")
        }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 22,
            let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 65_557), by: -1)
                .first(where: { u32($0) == 0x0605_4B50 })
        else { throw damaged("no end of central directory") }
        var offset = u32(end + 16)
        var entries = [Entry]()
        for _ in 0..<u16(end + 10) {
            guard offset + 46 <= end, u32(offset) == 0x0201_4B50 else { throw damaged("bad central directory") }
            let nameLength = u16(offset + 28)
            let recordEnd = offset + 46 + nameLength + u16(offset + 30) + u16(offset + 32)
            let header = u32(offset + 42)
            let flags = u16(offset + 8)
            guard recordEnd <= end, header + 30 <= bytes.count, u32(header) == 0x0403_4B50, flags & 0x8 == 0 else {
                throw damaged("bad entry")
            }
            let dataStart = header + 30 + u16(header + 26) + u16(header + 28)
            let dataEnd = dataStart + u32(offset + 20)
            guard dataEnd <= bytes.count else { throw damaged("truncated entry") }
            entries.append(
                Entry(
                    name: String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self),
                    central: offset..<recordEnd, local: header..<dataEnd, dataStart: dataStart,
                    method: u16(offset + 10), crc: UInt32(u32(offset + 16)), uncompressedSize: u32(offset + 24)))
            offset = recordEnd
        }
        self.bytes = bytes
        self.entries = entries
    }

    /// The entries' names, in central-directory order.
    public var names: [String] { entries.map(\.name) }

    /// The uncompressed contents of the entry `name`, or `nil` when it is absent, cannot be
    /// decompressed or fails its CRC-32.
    public func contents(of name: String) -> Data? {
        guard let entry = entries.first(where: { $0.name == name }) else { return nil }
        let compressed = Array(bytes[entry.dataStart..<entry.local.upperBound])
        let plain: [UInt8]?
        switch entry.method {
        case 0: plain = compressed
        case 8: plain = Self.inflate(compressed, size: entry.uncompressedSize)
        default: plain = nil
        }
        guard let plain, Self.crc(plain) == entry.crc else { return nil }
        return Data(plain)
    }

    /// The archive with the entries named in `replacements` holding the new contents
    /// (deflated), every other entry copied byte for byte, in the same order.
    public func replacing(_ replacements: [String: Data]) -> Data {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + 4096)
        var directory = [UInt8]()
        for entry in entries {
            let offset = output.count
            var local = Array(bytes[entry.local.lowerBound..<entry.dataStart])
            var central = Array(bytes[entry.central])
            if let replacement = replacements[entry.name] {
                let plain = [UInt8](replacement)
                let deflated = Self.deflate(plain)
                let crc = Self.crc(plain)
                Self.describe(&local, methodAt: 8, crc: crc, compressed: deflated.count, uncompressed: plain.count)
                Self.describe(&central, methodAt: 10, crc: crc, compressed: deflated.count, uncompressed: plain.count)
                output += local
                output += deflated
            } else {
                output += local
                output += bytes[entry.dataStart..<entry.local.upperBound]
            }
            Self.put32(UInt32(offset), into: &central, at: 42)
            directory += central
        }
        let directoryOffset = output.count
        output += directory
        var end = [UInt8](repeating: 0, count: 22)
        Self.put32(0x0605_4B50, into: &end, at: 0)
        Self.put16(UInt16(entries.count), into: &end, at: 8)
        Self.put16(UInt16(entries.count), into: &end, at: 10)
        Self.put32(UInt32(directory.count), into: &end, at: 12)
        Self.put32(UInt32(directoryOffset), into: &end, at: 16)
        output += end
        return Data(output)
    }

    // MARK: - Bytes

    /// Sets a header's method (deflate), CRC-32 and sizes, which follow the method field in
    /// both the local and the central record.
    private static func describe(
        _ record: inout [UInt8], methodAt offset: Int, crc: UInt32, compressed: Int, uncompressed: Int
    ) {
        put16(8, into: &record, at: offset)
        put32(crc, into: &record, at: offset + 6)
        put32(UInt32(compressed), into: &record, at: offset + 10)
        put32(UInt32(uncompressed), into: &record, at: offset + 14)
    }

    private static func put16(_ value: UInt16, into bytes: inout [UInt8], at offset: Int) {
        bytes[offset] = UInt8(value & 0xFF)
        bytes[offset + 1] = UInt8(value >> 8)
    }

    private static func put32(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        put16(UInt16(value & 0xFFFF), into: &bytes, at: offset)
        put16(UInt16(value >> 16), into: &bytes, at: offset + 2)
    }

    // MARK: - zlib

    /// The CRC-32 of `bytes`.
    private static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    /// Raw-deflate decompression of `input` into `size` bytes; `nil` when it fails.
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
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { return nil }
        return Array(output.prefix(size))
    }

    /// Raw deflate of `input` at zlib's default level.
    private static func deflate(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        _ = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 16)
        var input = input
        input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
            }
        }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
