import Foundation

/// A dataset as RecBole's atomic files: `NAME.inter`, `NAME.user` and `NAME.item`.
///
/// Users and items are written as tokens `0…n−1` in table order, with their features:
/// categorical as `token`, multi-valued as `token_seq`, numeric as `float`, dense as
/// `float_seq`. Interactions carry `user_id:token`, `item_id:token`, `timestamp:float`
/// and, for rated data, the value field (`rating:float` by default).
public struct RecBoleDataset: Sendable {
    /// The interactions table (`NAME.inter`).
    public var interactions: RecBoleTable
    /// The users table (`NAME.user`).
    public var users: RecBoleTable
    /// The items table (`NAME.item`).
    public var items: RecBoleTable

    /// Creates the three tables.
    public init(interactions: RecBoleTable, users: RecBoleTable, items: RecBoleTable) {
        self.interactions = interactions
        self.users = users
        self.items = items
    }

    /// The default name of the value field for a dataset's feedback: `rating` for rated
    /// data, none for implicit feedback.
    public static func defaultValueField(for feedback: Feedback) -> String? {
        feedback.hasRatings ? "rating" : nil
    }

    // MARK: - From a dataset

    /// The tables of `dataset`; the interaction values go to `valueField` (omitted when `nil`).
    public init(dataset: Dataset, valueField: String?) {
        var interactions = RecBoleTable()
        interactions.append("user_id", .token(dataset.interactions.map { String($0.user.rawValue) }))
        interactions.append("item_id", .token(dataset.interactions.map { String($0.item.rawValue) }))
        interactions.append("timestamp", .float(dataset.interactions.map { Double($0.time) }))
        if let valueField {
            interactions.append(valueField, .float(single: dataset.interactions.map(\.value)))
        }
        self.init(
            interactions: interactions,
            users: Self.table(idField: "user_id", features: dataset.users),
            items: Self.table(idField: "item_id", features: dataset.items)
        )
    }

    private static func table(idField: String, features: FeatureTable) -> RecBoleTable {
        var table = RecBoleTable()
        table.append(idField, .token((0..<features.rowCount).map(String.init)))
        for (field, column) in features.columns {
            switch column {
            case let .categorical(codes, _):
                table.append(field.name, .token(codes.map { String($0) }))
            case let .multiValued(lists, _):
                table.append(field.name, .tokenSequence(lists.map { $0.map { String($0) } }))
            case let .numeric(values):
                table.append(field.name, .float(single: values))
            case let .dense(values, dimension):
                let rows = (0..<features.rowCount).map { row in
                    values[(row * dimension)..<((row + 1) * dimension)].map { Double(String(describing: $0)) ?? 0 }
                }
                table.append(field.name, .floatSequence(rows))
            }
        }
        return table
    }

    // MARK: - Files

    /// The URLs of `name`'s three files in `directory`.
    public static func urls(in directory: URL, name: String) -> (interactions: URL, users: URL, items: URL) {
        (
            directory.appendingPathComponent("\(name).inter"), directory.appendingPathComponent("\(name).user"),
            directory.appendingPathComponent("\(name).item")
        )
    }

    /// Writes the three files into `directory` (created if needed) and returns their URLs.
    @discardableResult
    public func write(to directory: URL, name: String) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let urls = Self.urls(in: directory, name: name)
        try RecBoleWriter.write(interactions, to: urls.interactions)
        try RecBoleWriter.write(users, to: urls.users)
        try RecBoleWriter.write(items, to: urls.items)
        return [urls.interactions, urls.users, urls.items]
    }

    /// Reads `name`'s files from `directory`; the `.user` and `.item` files are optional.
    public static func read(from directory: URL, name: String) throws -> RecBoleDataset {
        let urls = Self.urls(in: directory, name: name)
        let exists = { (url: URL) in FileManager.default.fileExists(atPath: url.path) }
        return RecBoleDataset(
            interactions: try RecBoleReader.read(urls.interactions),
            users: exists(urls.users) ? try RecBoleReader.read(urls.users) : RecBoleTable(),
            items: exists(urls.items) ? try RecBoleReader.read(urls.items) : RecBoleTable()
        )
    }
}
