/// The value types of RecBole's atomic files, as written in header cells (`name:type`).
public enum RecBoleFieldType: String, CaseIterable, Hashable, Sendable {
    /// One token (an id or a category), written as is.
    case token
    /// Tokens separated by single spaces.
    case tokenSequence = "token_seq"
    /// One real number; an empty cell is a missing value.
    case float
    /// Real numbers separated by single spaces.
    case floatSequence = "float_seq"
}

/// One column of a RecBole atomic file.
public enum RecBoleColumn: Hashable, Sendable {
    /// Tokens, one per row.
    case token([String])
    /// Token lists, one per row.
    case tokenSequence([[String]])
    /// Reals, one per row; `nil` is a missing value (an empty cell).
    case float([Double?])
    /// Real lists, one per row.
    case floatSequence([[Double]])

    /// The column's type.
    public var type: RecBoleFieldType {
        switch self {
        case .token: return .token
        case .tokenSequence: return .tokenSequence
        case .float: return .float
        case .floatSequence: return .floatSequence
        }
    }

    /// The number of rows.
    public var count: Int {
        switch self {
        case let .token(values): return values.count
        case let .tokenSequence(values): return values.count
        case let .float(values): return values.count
        case let .floatSequence(values): return values.count
        }
    }

    /// A float column from single-precision values, each converted through its shortest
    /// decimal form so that it is written as `0.3`, not `0.30000001192092896`, and reads
    /// back to the same `Float`.
    public static func float(single values: [Float]) -> RecBoleColumn {
        .float(values.map { Double(String(describing: $0)) })
    }
}

/// The contents of one RecBole atomic file (`.inter`, `.user`, `.item`): named, typed
/// columns of equal length.
public struct RecBoleTable: Hashable, Sendable {
    /// The columns in file order.
    public private(set) var columns: [Column]

    /// A named column.
    public struct Column: Hashable, Sendable {
        /// The field name (the header cell before the colon).
        public let name: String
        /// The values.
        public let values: RecBoleColumn

        /// The header cell, `name:type`.
        public var header: String { "\(name):\(values.type.rawValue)" }
    }

    /// An empty table.
    public init() {
        columns = []
    }

    /// The number of rows (0 for a table without columns).
    public var rowCount: Int { columns.first?.values.count ?? 0 }

    /// Adds a column; its length must match the table's.
    public mutating func append(_ name: String, _ values: RecBoleColumn) {
        precondition(
            columns.isEmpty || values.count == rowCount,
            "RecBole column \(name) has \(values.count) rows, table has \(rowCount)")
        columns.append(Column(name: name, values: values))
    }

    /// The column named `name`, if present.
    public func column(named name: String) -> RecBoleColumn? {
        columns.first { $0.name == name }?.values
    }
}
