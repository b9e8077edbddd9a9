import Learning
import RecData

/// Turns a dataset's user and item features into network inputs: one input field per
/// feature column (categorical and multi-valued features embedded, numeric and dense
/// features passed through standardized), users' fields first, then items', then
/// optionally a learned embedding of the item id.
///
/// Rows of a batch are (user, item) pairs; cold-start users enter only through their
/// features, never through an id. Two rules keep the inputs learnable:
/// - numeric and dense features are standardized per component with the meta-train
///   statistics (users' features over the meta-train users, items' over the catalogue), so
///   a price of 25 and an embedding component of 0.1 enter on one scale;
/// - a categorical feature is *identifier-like*, and left out, when more than half the
///   entities hold a value no other entity holds (a zip code in MovieLens-100K): a new
///   user's value would be an embedding no training ever moved.
public struct FeatureEncoder: Sendable {
    /// The network input fields, in batch column order.
    public let fields: [InputField]
    /// Names of the identifier-like categorical features left out.
    public let droppedFeatures: [String]
    /// The number of leading fields that are the user's (the item's follow).
    public let userFieldCount: Int
    /// The number of items in the catalogue.
    public let itemCount: Int
    private let userColumns: [EncodedColumn]
    private let itemColumns: [EncodedColumn]
    private let itemIDs: Bool
    /// The item columns (and item ids) of every item of the catalogue, in id order, encoded
    /// once: scoring a user's whole catalogue then builds only the user's columns.
    private let catalogItemColumns: [InputColumn]

    /// One kept feature column; a numeric or dense one with every entity's values already
    /// standardized, so a batch only gathers rows.
    private struct EncodedColumn: Sendable {
        let column: FeatureColumn
        /// Every entity's standardized values, `width` per entity (empty for categories; as
        /// given when there was nothing to standardize on).
        let standardized: [Float]
        /// Values per entity of a numeric (1) or dense column.
        let width: Int

        init(_ column: FeatureColumn, standardization: Standardization?) {
            self.column = column
            let values: [Float]
            switch column {
            case let .numeric(reals): (values, width) = (reals, 1)
            case let .dense(reals, dimension): (values, width) = (reals, dimension)
            case .categorical, .multiValued: (values, width) = ([], 1)
            }
            guard let standardization, width > 0 else {
                standardized = values
                return
            }
            standardized =
                standardization.apply(Matrix(rows: values.count / width, columns: width, storage: values)).storage
        }
    }

    /// Creates an encoder for `dataset`, embedding categories in `dimension` columns; user
    /// features are standardized with the statistics of `trainingUsers` (all users when
    /// empty).
    public init(dataset: Dataset, dimension: Int, itemIDs: Bool, trainingUsers: [UserID] = []) {
        let userRows = trainingUsers.isEmpty ? Array(0..<dataset.users.rowCount) : trainingUsers.map(\.index)
        let itemRows = Array(0..<dataset.items.rowCount)
        var dropped = [String]()
        func kept(_ table: FeatureTable, rows: [Int]) -> [EncodedColumn] {
            table.columns.compactMap { entry in
                if Self.isIdentifierLike(entry.column) {
                    dropped.append(entry.field.name)
                    return nil
                }
                return EncodedColumn(entry.column, standardization: Standardization(entry.column, rows: rows))
            }
        }
        userColumns = kept(dataset.users, rows: userRows)
        itemColumns = kept(dataset.items, rows: itemRows)
        droppedFeatures = dropped
        userFieldCount = userColumns.count
        self.itemIDs = itemIDs
        itemCount = dataset.itemCount
        var catalogItemColumns = [InputColumn]()
        Self.appendItemColumns(itemColumns, itemIDs: itemIDs, count: itemRows.count, to: &catalogItemColumns) { $0 }
        self.catalogItemColumns = catalogItemColumns
        var fields = (userColumns + itemColumns).map { Self.field(for: $0.column, dimension: dimension) }
        if itemIDs { fields.append(.categorical(cardinality: dataset.itemCount, dimension: dimension)) }
        self.fields = fields
    }

    /// Whether more than half the rows of a categorical column hold a value of their own.
    static func isIdentifierLike(_ column: FeatureColumn) -> Bool {
        guard let singletons = singletonCount(column) else { return false }
        return 2 * singletons > column.count
    }

    /// How many rows of a categorical column of more than one row hold a value no other row
    /// holds; `nil` for other columns.
    private static func singletonCount(_ column: FeatureColumn) -> Int? {
        guard case let .categorical(values, _) = column, values.count > 1 else { return nil }
        var counts = [Int32: Int]()
        for value in values { counts[value, default: 0] += 1 }
        return counts.values.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
    }

    /// The identifier-like categorical features of `dataset` that every neural model leaves
    /// out of its inputs, users' then items', each with the number of entities holding a
    /// value of their own and the number of entities: what the reports' notice says.
    public static func identifierLikeFeatures(of dataset: Dataset) -> [(
        feature: String, singletons: Int, entities: Int
    )] {
        [dataset.users, dataset.items].flatMap { table in
            table.columns.compactMap { entry in
                guard isIdentifierLike(entry.column), let singletons = singletonCount(entry.column) else { return nil }
                return (entry.field.name, singletons, entry.column.count)
            }
        }
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
        var columns = [InputColumn]()
        columns.reserveCapacity(fields.count)
        appendUserColumns(user, count: chosen.count, to: &columns)
        chosen.withUnsafeBufferPointer { items in
            Self.appendItemColumns(itemColumns, itemIDs: itemIDs, count: items.count, to: &columns) { items[$0].index }
        }
        return FeatureBatch(rows: chosen.count, columns: columns)
    }

    /// The inputs for `user` paired with the items of ids `items` (every item by default),
    /// one row per item in id order: the same batch as ``batch(user:items:)`` with those
    /// items, whose item columns are cut from the catalogue's, encoded once.
    public func catalogBatch(user: UserID, items: Range<Int>? = nil) -> FeatureBatch {
        let items = items ?? 0..<itemCount
        precondition(items.lowerBound >= 0 && items.upperBound <= itemCount, "items outside the catalogue")
        let itemColumns =
            items == 0..<itemCount ? catalogItemColumns : catalogItemColumns.map { Self.rows(items, of: $0) }
        var columns = [InputColumn]()
        columns.reserveCapacity(fields.count)
        appendUserColumns(user, count: items.count, to: &columns)
        columns.append(contentsOf: itemColumns)
        return FeatureBatch(rows: items.count, columns: columns)
    }

    /// What `user`'s inputs hold, as codes and value bit patterns: two users of one profile
    /// (the same values of every kept user feature) get the same batches for the same items.
    public func profile(of user: UserID) -> [UInt32] {
        let row = user.index
        return userColumns.flatMap { encoded -> [UInt32] in
            switch encoded.column {
            case let .categorical(values, _):
                return [UInt32(bitPattern: values[row])]
            case let .multiValued(values, _):
                return [UInt32(values[row].count)] + values[row].map { UInt32(bitPattern: $0) }
            case .numeric, .dense:
                let width = encoded.width
                return encoded.standardized[(row * width)..<((row + 1) * width)].map(\.bitPattern)
            }
        }
    }

    /// Appends `user`'s columns, each of its values repeated on `count` rows.
    private func appendUserColumns(_ user: UserID, count: Int, to columns: inout [InputColumn]) {
        let row = user.index
        for encoded in userColumns {
            switch encoded.column {
            case let .categorical(values, _):
                columns.append(.codes(Array(repeating: values[row], count: count)))
            case let .multiValued(values, _):
                columns.append(.lists(CodeLists(Array(repeating: values[row], count: count))))
            case .numeric, .dense:
                columns.append(Self.denseColumn(encoded, count: count) { _ in row })
            }
        }
    }

    /// Appends the item columns of the `count` items whose rows `row(position)` gives,
    /// then their ids when they are embedded.
    private static func appendItemColumns(
        _ encodedColumns: [EncodedColumn], itemIDs: Bool, count: Int, to columns: inout [InputColumn],
        row: (Int) -> Int
    ) {
        for encoded in encodedColumns {
            switch encoded.column {
            case let .categorical(values, _):
                columns.append(.codes(gathered(count: count) { values[row($0)] }))
            case let .multiValued(values, _):
                columns.append(.lists(CodeLists((0..<count).map { values[row($0)] })))
            case .numeric, .dense:
                columns.append(denseColumn(encoded, count: count, row: row))
            }
        }
        if itemIDs { columns.append(.codes(gathered(count: count) { Int32(row($0)) })) }
    }

    /// The `count` codes `code(position)` gives, written straight into the new array.
    private static func gathered(count: Int, _ code: (Int) -> Int32) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for position in 0..<count { buffer[position] = code(position) }
            initialized = count
        }
    }

    /// Rows `range` of an input column.
    private static func rows(_ range: Range<Int>, of column: InputColumn) -> InputColumn {
        switch column {
        case let .codes(codes): return .codes(Array(codes[range]))
        case let .lists(lists): return .lists(CodeLists(range.map { Array(lists.codes(of: $0)) }))
        case let .dense(values): return .dense(values.rows(range))
        }
    }

    /// A numeric or dense column's standardized values of the entities at rows
    /// `row(0)`, …, `row(count − 1)`.
    private static func denseColumn(_ encoded: EncodedColumn, count: Int, row: (Int) -> Int) -> InputColumn {
        let (values, width) = (encoded.standardized, encoded.width)
        let entities = width > 0 ? values.count / width : 0
        let storage = [Float](unsafeUninitializedCapacity: count * width) { buffer, initialized in
            values.withUnsafeBufferPointer { source in
                for position in 0..<count where width > 0 {
                    let entity = row(position)
                    precondition(entity >= 0 && entity < entities, "entity \(entity) outside 0..<\(entities)")
                    (buffer.baseAddress! + position * width).initialize(
                        from: source.baseAddress! + entity * width, count: width)
                }
            }
            initialized = count * width
        }
        return .dense(Matrix(rows: count, columns: width, storage: storage))
    }
}
