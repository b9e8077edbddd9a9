/// The values of one feature for every row of a table, stored column-wise.
public enum FeatureColumn: Hashable, Sendable {
    /// Category codes in `0..<cardinality`, one per row.
    case categorical([Int32], cardinality: Int)
    /// Lists of category codes, one list per row.
    case multiValued([[Int32]], cardinality: Int)
    /// One real per row.
    case numeric([Float])
    /// `dimension` reals per row, rows stored contiguously.
    case dense([Float], dimension: Int)

    /// The number of rows the column holds.
    public var count: Int {
        switch self {
        case let .categorical(values, _): return values.count
        case let .multiValued(values, _): return values.count
        case let .numeric(values): return values.count
        case let .dense(values, dimension): return dimension == 0 ? 0 : values.count / dimension
        }
    }

    /// The column's feature kind.
    public var kind: FeatureKind {
        switch self {
        case let .categorical(_, cardinality): return .categorical(cardinality: cardinality)
        case let .multiValued(_, cardinality): return .multiValued(cardinality: cardinality)
        case .numeric: return .numeric
        case let .dense(_, dimension): return .dense(dimension: dimension)
        }
    }
}

/// Observable features of the rows of a table (users or items), one column per feature.
public struct FeatureTable: Sendable {
    /// The number of rows.
    public let rowCount: Int
    /// The feature columns, in schema order.
    public private(set) var columns: [(field: FeatureField, column: FeatureColumn)]

    /// Creates an empty table of `rowCount` rows.
    public init(rowCount: Int) {
        self.rowCount = rowCount
        self.columns = []
    }

    /// The table's schema: its fields in order.
    public var schema: [FeatureField] { columns.map(\.field) }

    /// Adds a column; its row count must match the table's.
    public mutating func append(_ name: String, _ column: FeatureColumn) {
        precondition(column.count == rowCount, "feature column \(name) has \(column.count) rows, table has \(rowCount)")
        columns.append((FeatureField(name: name, kind: column.kind), column))
    }

    /// The column named `name`, if present.
    public func column(named name: String) -> FeatureColumn? {
        columns.first { $0.field.name == name }?.column
    }
}
