import Learning
import RecData

/// Turns a dataset's user and item features into network inputs: one input field per
/// feature column (categorical and multi-valued features embedded, numeric and dense
/// features passed through), users' fields first, then items', then optionally a learned
/// embedding of the item id.
///
/// Rows of a batch are (user, item) pairs; cold-start users enter only through their
/// features, never through an id.
public struct FeatureEncoder: Sendable {
    /// The network input fields, in batch column order.
    public let fields: [InputField]
    private let users: FeatureTable
    private let items: FeatureTable
    private let itemIDs: Bool

    /// Creates an encoder for `dataset`, embedding categories in `dimension` columns.
    public init(dataset: Dataset, dimension: Int, itemIDs: Bool) {
        self.users = dataset.users
        self.items = dataset.items
        self.itemIDs = itemIDs
        var fields = (dataset.users.columns + dataset.items.columns).map { Self.field(for: $0.column, dimension: dimension) }
        if itemIDs { fields.append(.categorical(cardinality: dataset.itemCount, dimension: dimension)) }
        self.fields = fields
    }

    private static func field(for column: FeatureColumn, dimension: Int) -> InputField {
        switch column {
        case let .categorical(_, cardinality): return .categorical(cardinality: cardinality, dimension: dimension)
        case let .multiValued(_, cardinality): return .multiValued(cardinality: cardinality, dimension: dimension)
        case .numeric: return .dense(dimension: 1)
        case let .dense(_, width): return .dense(dimension: width)
        }
    }

    // MARK: - Batches

    /// The inputs for `user` paired with each of `items`, one row per item.
    public func batch(user: UserID, items chosen: [ItemID]) -> FeatureBatch {
        var columns = users.columns.map { Self.column($0.column, rows: Array(repeating: user.index, count: chosen.count)) }
        let itemRows = chosen.map(\.index)
        columns += items.columns.map { Self.column($0.column, rows: itemRows) }
        if itemIDs { columns.append(.codes(itemRows.map { Int32($0) })) }
        return FeatureBatch(rows: chosen.count, columns: columns)
    }

    private static func column(_ column: FeatureColumn, rows: [Int]) -> InputColumn {
        switch column {
        case let .categorical(values, _):
            return .codes(rows.map { values[$0] })
        case let .multiValued(values, _):
            return .lists(CodeLists(rows.map { values[$0] }))
        case let .numeric(values):
            return .dense(Matrix(rows: rows.count, columns: 1, storage: rows.map { values[$0] }))
        case let .dense(values, dimension):
            var storage = [Float]()
            storage.reserveCapacity(rows.count * dimension)
            for row in rows { storage += values[(row * dimension)..<((row + 1) * dimension)] }
            return .dense(Matrix(rows: rows.count, columns: dimension, storage: storage))
        }
    }
}
