/// Gathers an importer's interaction rows, resolving user and item tokens through the
/// tables' indices and applying the ``UnknownIDPolicy`` to ids no table lists.
public struct InteractionCollector: Sendable {
    /// The users' index (open when there is no user table).
    public private(set) var users: IDIndex
    /// The items' index (open when there is no item table).
    public private(set) var items: IDIndex
    /// The policy for unknown ids.
    public let policy: UnknownIDPolicy
    /// The collected interactions, in file order.
    public private(set) var interactions: [Interaction] = []
    /// Rows dropped under ``UnknownIDPolicy/skip``.
    public private(set) var skipped = 0

    /// A collector over the given indices.
    public init(users: IDIndex, items: IDIndex, policy: UnknownIDPolicy, capacity: Int = 0) {
        self.users = users
        self.items = items
        self.policy = policy
        interactions.reserveCapacity(capacity)
    }

    /// Reads the interaction file at `path` into a collector sized to its line count, with
    /// `body` parsing the rows; the file's bytes are released when this returns.
    public static func reading(
        _ path: String, users: IDIndex, items: IDIndex, policy: UnknownIDPolicy, validatingUTF8: Bool,
        _ body: (TextFile, inout InteractionCollector) throws -> Void
    ) throws -> InteractionCollector {
        let file = try TextFile.read(path)
        if validatingUTF8 { try file.validateUTF8() }
        var collector = InteractionCollector(users: users, items: items, policy: policy, capacity: file.lineCount)
        try body(file, &collector)
        return collector
    }

    /// The imported dataset: the collected log (handed over without a copy) with the given
    /// tables, or featureless tables sized to the ids seen when there are none.
    public mutating func dataset(
        name: String, users userTable: FeatureTable?, items itemTable: FeatureTable?, feedback: Feedback
    ) -> ImportedDataset {
        var log = [Interaction]()
        swap(&log, &interactions)
        let dataset = Dataset(
            name: name, users: userTable ?? FeatureTable(rowCount: users.count),
            items: itemTable ?? FeatureTable(rowCount: items.count),
            interactions: consume log, feedback: feedback
        )
        return ImportedDataset(dataset: dataset, skippedInteractions: skipped)
    }

    /// Adds one row; `fields` names the user and item fields for errors.
    /// - Throws: ``DataImportError`` for an unknown id under ``UnknownIDPolicy/fail``.
    public mutating func add(
        user: String, item: String, time: Int64, value: Float,
        file: TextFile, line: Int, fields: (user: String, item: String)
    ) throws {
        guard let userIndex = users.resolve(user) else {
            return try unknown("user", user, field: fields.user, file: file, line: line)
        }
        guard let itemIndex = items.resolve(item) else {
            return try unknown("item", item, field: fields.item, file: file, line: line)
        }
        interactions.append(
            Interaction(user: UserID(index: userIndex), item: ItemID(index: itemIndex), time: time, value: value))
    }

    private mutating func unknown(_ kind: String, _ token: String, field: String, file: TextFile, line: Int) throws {
        guard policy == .skip else {
            throw file.error(
                line: line, field: field,
                "\(kind) '\(token)' is not in the \(kind) table (set unknown_ids: skip to drop such rows)")
        }
        skipped += 1
    }
}
