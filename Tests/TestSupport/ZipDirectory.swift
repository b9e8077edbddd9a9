import Foundation

/// The names of the entries of a ZIP archive, read from its central directory.
///
/// Enough to check that an XLSX file is a well-formed package holding the expected
/// parts, without unpacking it.
public struct ZipDirectory {
    /// Entry names, in central-directory order.
    public let entries: [String]

    /// Reads the central directory of the archive in `data`; `nil` when it is not a ZIP file.
    public init?(_ data: Data) {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 22 else { return nil }
        guard let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 65_557), by: -1)
            .first(where: { u32($0) == 0x0605_4B50 }) else { return nil }
        let count = u16(end + 10)
        var offset = u32(end + 16)
        var names = [String]()
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { return nil }
            let nameLength = u16(offset + 28)
            let extraLength = u16(offset + 30)
            let commentLength = u16(offset + 32)
            guard offset + 46 + nameLength <= bytes.count else { return nil }
            names.append(String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self))
            offset += 46 + nameLength + extraLength + commentLength
        }
        entries = names
    }
}
