import Foundation

/// Writes a comma-separated file row by row (RFC 4180: a cell holding a comma, a
/// quote or a line break is quoted, quotes doubled), buffering output.
final class CSVWriter {
    private let handle: FileHandle
    private var buffer = [UInt8]()

    /// Creates (or replaces) the file at `url`.
    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends one row.
    func write(_ cells: [String]) throws {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) {
                buffer += Array(("\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"").utf8)
            } else {
                buffer += Array(cell.utf8)
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
