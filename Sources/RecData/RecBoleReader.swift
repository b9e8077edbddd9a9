import Foundation

/// Reads RecBole atomic files. Faults name the file, the line and the field: a header cell
/// that is not `name:type`, an unknown type, a row with the wrong number of cells, a number
/// that does not parse, text that is not UTF-8, an empty file.
public enum RecBoleReader {
    /// Reads the atomic file at `url`.
    public static func read(_ url: URL) throws -> RecBoleTable {
        let file = try TextFile.read(url.path)
        try file.validateUTF8()
        return try read(file)
    }

    /// Reads an atomic file's contents (already checked to be UTF-8).
    public static func read(_ file: TextFile) throws -> RecBoleTable {
        var columns = [ColumnBuilder]()
        let fields = try rows(of: file) { number, fields, cells in
            if columns.isEmpty { columns = fields.map { ColumnBuilder(type: $0.type) } }
            for (index, cell) in cells.enumerated() {
                try columns[index].append(cell, of: file, line: number, field: fields[index].name)
            }
        }
        var table = RecBoleTable()
        for (index, field) in fields.enumerated() {
            table.append(field.name, columns.isEmpty ? ColumnBuilder(type: field.type).column : columns[index].column)
        }
        return table
    }

    /// Reads the header, then calls `row` with each later line's number, the fields and the
    /// line's cells (one per field, else an error naming the line); returns the fields.
    @discardableResult
    static func rows(
        of file: TextFile, row: (_ number: Int, _ fields: [RecBoleField], _ cells: [Range<Int>]) throws -> Void
    ) throws -> [RecBoleField] {
        let tab = [UInt8(ascii: "\t")]
        var fields = [RecBoleField]()
        var cells = [Range<Int>]()
        try file.forEachLine { number, line in
            file.split(line, separator: tab, into: &cells)
            guard number > 1 else {
                fields = try header(cells, file: file)
                return
            }
            guard cells.count == fields.count else {
                throw file.error(line: number, "expected \(fields.count) tab-separated cells, found \(cells.count)")
            }
            try row(number, fields, cells)
        }
        return fields
    }

    private static func header(_ cells: [Range<Int>], file: TextFile) throws -> [RecBoleField] {
        var fields = [RecBoleField]()
        for cell in cells {
            let text = file.text(cell)
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw file.error(line: 1, "header cell '\(text)' is not name:type")
            }
            let name = String(parts[0])
            guard let type = RecBoleFieldType(rawValue: String(parts[1])) else {
                let known = RecBoleFieldType.allCases.map(\.rawValue).joined(separator: ", ")
                throw file.error(line: 1, field: name, "unknown type '\(parts[1])'; known: \(known)")
            }
            guard !fields.contains(where: { $0.name == name }) else {
                throw file.error(line: 1, field: name, "the field is named twice in the header")
            }
            fields.append(RecBoleField(name: name, type: type))
        }
        return fields
    }
}

/// A header cell of an atomic file: a field's name and type.
struct RecBoleField: Hashable, Sendable {
    let name: String
    let type: RecBoleFieldType
}

/// Accumulates one column's cells, parsed by its type.
private enum ColumnBuilder {
    case token([String])
    case tokenSequence([[String]])
    case float([Double?])
    case floatSequence([[Double]])

    init(type: RecBoleFieldType) {
        switch type {
        case .token: self = .token([])
        case .tokenSequence: self = .tokenSequence([])
        case .float: self = .float([])
        case .floatSequence: self = .floatSequence([])
        }
    }

    var column: RecBoleColumn {
        switch self {
        case let .token(values): return .token(values)
        case let .tokenSequence(values): return .tokenSequence(values)
        case let .float(values): return .float(values)
        case let .floatSequence(values): return .floatSequence(values)
        }
    }

    mutating func append(_ cell: Range<Int>, of file: TextFile, line: Int, field: String) throws {
        switch self {
        case var .token(values):
            values.append(file.text(cell))
            self = .token(values)
        case var .tokenSequence(values):
            values.append(file.recBoleSequence(cell).map(file.text))
            self = .tokenSequence(values)
        case var .float(values):
            values.append(try file.recBoleFloat(cell, line: line, field: field))
            self = .float(values)
        case var .floatSequence(values):
            values.append(try file.recBoleFloats(cell, line: line, field: field))
            self = .floatSequence(values)
        }
    }
}

extension TextFile {
    /// The space-separated items of a sequence cell.
    func recBoleSequence(_ cell: Range<Int>) -> [Range<Int>] {
        var items = [Range<Int>]()
        split(cell, separator: [UInt8(ascii: " ")], into: &items)
        return items.filter { !$0.isEmpty }
    }

    /// A `float` cell: `nil` when empty, else a finite number.
    func recBoleFloat(_ cell: Range<Int>, line: Int, field: String) throws -> Double? {
        guard !cell.isEmpty else { return nil }
        guard let value = number(cell) else {
            throw error(line: line, field: field, "expects a number, found '\(text(cell))'")
        }
        return value
    }

    /// A `float_seq` cell: space-separated finite numbers.
    func recBoleFloats(_ cell: Range<Int>, line: Int, field: String) throws -> [Double] {
        try recBoleSequence(cell).map { item in
            guard let value = number(item) else {
                throw error(line: line, field: field, "expects numbers, found '\(text(item))'")
            }
            return value
        }
    }

    /// Checks a cell of a field no role reads, by its type.
    func checkRecBoleCell(_ cell: Range<Int>, type: RecBoleFieldType, line: Int, field: String) throws {
        switch type {
        case .token, .tokenSequence: return
        case .float: _ = try recBoleFloat(cell, line: line, field: field)
        case .floatSequence: _ = try recBoleFloats(cell, line: line, field: field)
        }
    }
}
