import Foundation

/// Writes RecBole atomic files: a header of `name:type` cells, then one line per row,
/// cells separated by tabs, sequence items by single spaces, missing floats as empty
/// cells (RecBole's `dataset.py` reads them with pandas as NaN).
public enum RecBoleWriter {
    /// Writes `table` to `url`, replacing any file there.
    public static func write(_ table: RecBoleTable, to url: URL) throws {
        try validate(table, file: url.path)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DataImportError(file: url.path, message: "cannot create the file")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        buffer += Array(table.columns.map(\.header).joined(separator: "\t").utf8)
        buffer.append(UInt8(ascii: "\n"))
        for row in 0..<table.rowCount {
            for (index, column) in table.columns.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: "\t")) }
                appendCell(column.values, row: row, to: &buffer)
            }
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }

    // MARK: - Cells

    private static func appendCell(_ column: RecBoleColumn, row: Int, to buffer: inout [UInt8]) {
        switch column {
        case let .token(values):
            buffer += Array(values[row].utf8)
        case let .tokenSequence(values):
            buffer += Array(values[row].joined(separator: " ").utf8)
        case let .float(values):
            if let value = values[row] { buffer += Array(format(value).utf8) }
        case let .floatSequence(values):
            buffer += Array(values[row].map(format).joined(separator: " ").utf8)
        }
    }

    /// A real in its shortest round-tripping form, integers without a fraction.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(describing: value)
    }

    private static func validate(_ table: RecBoleTable, file: String) throws {
        for column in table.columns {
            guard !column.name.isEmpty, !column.name.contains(where: { ":\t\n\r".contains($0) }) else {
                throw DataImportError(
                    file: file, message: "field name '\(column.name)' is empty or contains ':', a tab or a line break")
            }
            let forbidden: String
            let tokens: [String]
            switch column.values {
            case let .token(values):
                forbidden = "\t\n\r"
                tokens = values
            case let .tokenSequence(values):
                forbidden = " \t\n\r"
                tokens = values.flatMap { $0 }
            case let .float(values):
                if values.contains(where: { $0.map { !$0.isFinite } ?? false }) {
                    throw DataImportError(
                        file: file, message: "field '\(column.name)' holds a value that is not finite")
                }
                continue
            case let .floatSequence(values):
                if values.contains(where: { $0.contains { !$0.isFinite } }) {
                    throw DataImportError(
                        file: file, message: "field '\(column.name)' holds a value that is not finite")
                }
                continue
            }
            if let bad = tokens.first(where: { $0.contains(where: forbidden.contains) }) {
                throw DataImportError(
                    file: file, message: "token '\(bad)' of field '\(column.name)' contains a separator")
            }
        }
    }
}
