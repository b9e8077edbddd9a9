/// One input field of a ``FeatureNetwork``: how a feature enters the network.
public enum InputField: Hashable, Sendable {
    /// One category per row, embedded by a learned table.
    case categorical(cardinality: Int, dimension: Int)
    /// A list of categories per row, embedded by a learned table and mean-pooled.
    case multiValued(cardinality: Int, dimension: Int)
    /// `dimension` given reals per row (a price, a content embedding), passed through.
    case dense(dimension: Int)

    /// The number of input columns the field contributes.
    public var width: Int {
        switch self {
        case let .categorical(_, dimension), let .multiValued(_, dimension), let .dense(dimension): return dimension
        }
    }

    /// The field's embedding table, when it has one.
    public var table: EmbeddingTable? {
        switch self {
        case let .categorical(cardinality, dimension), let .multiValued(cardinality, dimension):
            return EmbeddingTable(cardinality: cardinality, dimension: dimension)
        case .dense: return nil
        }
    }
}

/// The values of one input field for every row of a batch.
public enum InputColumn: Hashable, Sendable {
    /// Category codes, one per row (for ``InputField/categorical(cardinality:dimension:)``).
    case codes([Int32])
    /// Category lists, one per row (for ``InputField/multiValued(cardinality:dimension:)``).
    case lists(CodeLists)
    /// Reals, one row per row (for ``InputField/dense(dimension:)``).
    case dense(Matrix)

    /// The number of rows.
    public var rows: Int {
        switch self {
        case let .codes(codes): return codes.count
        case let .lists(lists): return lists.rows
        case let .dense(matrix): return matrix.rows
        }
    }
}

/// A batch of network inputs: one column per field, all of the same number of rows.
public struct FeatureBatch: Hashable, Sendable {
    /// The number of rows.
    public let rows: Int
    /// The fields' values, in the network's field order.
    public let columns: [InputColumn]

    /// Creates a batch; every column must have `rows` rows.
    public init(rows: Int, columns: [InputColumn]) {
        precondition(columns.allSatisfy { $0.rows == rows }, "every input column needs \(rows) rows")
        self.rows = rows
        self.columns = columns
    }
}
