import Foundation

/// Reads RecBole atomic files. Faults name the file and the line: a header cell that
/// is not `name:type`, an unknown type, a row with the wrong number of cells, a number
/// that does not parse.
public enum RecBoleReader {
    /// Reads the atomic file at `url`.
    public static func read(_ url: URL) throws -> RecBoleTable {
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecBoleError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        guard String(data: data, encoding: .utf8) != nil else {
            throw RecBoleError(file: path, message: "the file is not UTF-8 text")
        }
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { throw RecBoleError(file: path, line: 1, message: "the file is empty") }
        let fields = try header(text(headerLine), file: path)
        var cells = fields.map { _ in [String]() }
        for (offset, line) in lines.dropFirst().enumerated() {
            let values = trimmed(line).split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard values.count == fields.count else {
                throw RecBoleError(file: path, line: offset + 2, message: "expected \(fields.count) tab-separated cells, found \(values.count)")
            }
            for (index, value) in values.enumerated() { cells[index].append(String(decoding: value, as: UTF8.self)) }
        }
        var table = RecBoleTable()
        for (index, field) in fields.enumerated() {
            table.append(field.name, try column(cells[index], type: field.type, name: field.name, file: path))
        }
        return table
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }

    private static func text(_ line: ArraySlice<UInt8>) -> String {
        String(decoding: trimmed(line), as: UTF8.self)
    }

    // MARK: - Parsing

    private static func header(_ line: String, file: String) throws -> [(name: String, type: RecBoleFieldType)] {
        try line.split(separator: "\t", omittingEmptySubsequences: false).map { cell in
            let parts = cell.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw RecBoleError(file: file, line: 1, message: "header cell '\(cell)' is not name:type")
            }
            guard let type = RecBoleFieldType(rawValue: String(parts[1])) else {
                let known = RecBoleFieldType.allCases.map(\.rawValue).joined(separator: ", ")
                throw RecBoleError(file: file, line: 1, message: "field '\(parts[0])' has unknown type '\(parts[1])'; known: \(known)")
            }
            return (String(parts[0]), type)
        }
    }

    private static func column(_ cells: [String], type: RecBoleFieldType, name: String, file: String) throws -> RecBoleColumn {
        func number(_ text: Substring, row: Int) throws -> Double {
            guard let value = Double(text), value.isFinite else {
                throw RecBoleError(file: file, line: row + 2, message: "field '\(name)' expects a number, found '\(text)'")
            }
            return value
        }
        switch type {
        case .token:
            return .token(cells)
        case .tokenSequence:
            return .tokenSequence(cells.map { $0.split(separator: " ").map(String.init) })
        case .float:
            return .float(try cells.enumerated().map { row, cell in cell.isEmpty ? nil : try number(Substring(cell), row: row) })
        case .floatSequence:
            return .floatSequence(try cells.enumerated().map { row, cell in
                try cell.split(separator: " ").map { try number($0, row: row) }
            })
        }
    }
}
