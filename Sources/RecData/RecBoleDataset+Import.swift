import Foundation

extension RecBoleDataset {
    /// The tables as a ``Dataset`` named `name`.
    ///
    /// Users are the rows of the `.user` table in order, then any user first seen in
    /// the interactions (so a written dataset reads back with the same ids); likewise
    /// items. Token features become categorical codes: the tokens' own values when all
    /// are non-negative integers (cardinality one more than the largest), else their
    /// rank among the sorted distinct tokens. Interaction values come from
    /// `valueField` (rated feedback on `feedback`'s scale, or the observed range when
    /// `feedback` is `nil`); without one, feedback is implicit. Time is `timestamp`
    /// rounded to whole units, or the row number when there is none.
    /// - Throws: ``RecBoleError`` naming the file and line of a fault.
    public func dataset(name: String, valueField: String?, feedback: Feedback? = nil, files: (interactions: String, users: String, items: String)) throws -> Dataset {
        var userIndex = [String: Int]()
        var itemIndex = [String: Int]()
        var userFeatures = try Self.features(of: users, idField: "user_id", index: &userIndex, file: files.users)
        var itemFeatures = try Self.features(of: items, idField: "item_id", index: &itemIndex, file: files.items)
        guard case let .token(userTokens)? = interactions.column(named: "user_id") else {
            throw RecBoleError(file: files.interactions, line: 1, message: "missing field user_id:token")
        }
        guard case let .token(itemTokens)? = interactions.column(named: "item_id") else {
            throw RecBoleError(file: files.interactions, line: 1, message: "missing field item_id:token")
        }
        var times = (0..<interactions.rowCount).map { Int64($0) }
        if let column = interactions.column(named: "timestamp") {
            guard case let .float(values) = column else {
                throw RecBoleError(file: files.interactions, line: 1, message: "field timestamp must be float")
            }
            for (row, value) in values.enumerated() {
                guard let value else { throw RecBoleError(file: files.interactions, line: row + 2, message: "missing timestamp") }
                times[row] = Int64(value.rounded())
            }
        }
        var values = [Float](repeating: 1, count: interactions.rowCount)
        var resolvedFeedback = Feedback.implicit
        if let valueField {
            guard case let .float(column)? = interactions.column(named: valueField) else {
                throw RecBoleError(file: files.interactions, line: 1, message: "missing field \(valueField):float")
            }
            for (row, value) in column.enumerated() {
                guard let value else { throw RecBoleError(file: files.interactions, line: row + 2, message: "missing \(valueField)") }
                values[row] = Float(value)
            }
            resolvedFeedback = feedback ?? .rating(minimum: values.min() ?? 0, maximum: values.max() ?? 0)
        }
        let knownUsers = userIndex.count, knownItems = itemIndex.count
        var log = [Interaction]()
        log.reserveCapacity(interactions.rowCount)
        for row in 0..<interactions.rowCount {
            let user = try Self.id(userTokens[row], in: &userIndex, strict: !users.columns.isEmpty, file: files.interactions, row: row, kind: "user")
            let item = try Self.id(itemTokens[row], in: &itemIndex, strict: !items.columns.isEmpty, file: files.interactions, row: row, kind: "item")
            log.append(Interaction(user: UserID(index: user), item: ItemID(index: item), time: times[row], value: values[row]))
        }
        if userIndex.count > knownUsers { userFeatures = FeatureTable(rowCount: userIndex.count) }
        if itemIndex.count > knownItems { itemFeatures = FeatureTable(rowCount: itemIndex.count) }
        return Dataset(name: name, users: userFeatures, items: itemFeatures, interactions: log, feedback: resolvedFeedback)
    }

    /// Reads `name`'s atomic files from `directory` as a ``Dataset`` (see
    /// ``dataset(name:valueField:feedback:files:)`` for how tables map to it).
    public static func loadDataset(from directory: URL, name: String, valueField: String? = "rating", feedback: Feedback? = nil) throws -> Dataset {
        let urls = Self.urls(in: directory, name: name)
        return try read(from: directory, name: name).dataset(
            name: name, valueField: valueField, feedback: feedback,
            files: (urls.interactions.path, urls.users.path, urls.items.path)
        )
    }

    // MARK: - Helpers

    private static func id(_ token: String, in index: inout [String: Int], strict: Bool, file: String, row: Int, kind: String) throws -> Int {
        if let known = index[token] { return known }
        guard !strict else {
            throw RecBoleError(file: file, line: row + 2, message: "\(kind) '\(token)' is not in the \(kind) table")
        }
        index[token] = index.count
        return index.count - 1
    }

    private static func features(of table: RecBoleTable, idField: String, index: inout [String: Int], file: String) throws -> FeatureTable {
        guard !table.columns.isEmpty else { return FeatureTable(rowCount: 0) }
        guard case let .token(ids)? = table.column(named: idField) else {
            throw RecBoleError(file: file, line: 1, message: "missing field \(idField):token")
        }
        for (row, id) in ids.enumerated() {
            guard index[id] == nil else { throw RecBoleError(file: file, line: row + 2, message: "\(idField) '\(id)' appears twice") }
            index[id] = row
        }
        var features = FeatureTable(rowCount: ids.count)
        for column in table.columns where column.name != idField {
            features.append(column.name, try feature(column.values, name: column.name, file: file))
        }
        return features
    }

    private static func feature(_ values: RecBoleColumn, name: String, file: String) throws -> FeatureColumn {
        switch values {
        case let .token(tokens):
            let coding = codes(for: tokens)
            return .categorical(tokens.map { coding.codes[$0]! }, cardinality: coding.cardinality)
        case let .tokenSequence(lists):
            let coding = codes(for: lists.flatMap { $0 })
            return .multiValued(lists.map { $0.map { coding.codes[$0]! } }, cardinality: coding.cardinality)
        case let .float(numbers):
            return .numeric(numbers.map { $0.map(Float.init) ?? .nan })
        case let .floatSequence(rows):
            let dimension = rows.first?.count ?? 0
            if let bad = rows.firstIndex(where: { $0.count != dimension }) {
                throw RecBoleError(file: file, line: bad + 2, message: "field '\(name)' has \(rows[bad].count) values here but \(dimension) on the first row")
            }
            return .dense(rows.flatMap { $0.map(Float.init) }, dimension: dimension)
        }
    }

    private static func codes(for tokens: [String]) -> (codes: [String: Int32], cardinality: Int) {
        let distinct = Set(tokens)
        let integers = distinct.compactMap { Int32($0) }
        if integers.count == distinct.count, integers.allSatisfy({ $0 >= 0 }) {
            return (Dictionary(uniqueKeysWithValues: distinct.map { ($0, Int32($0)!) }), Int(integers.max() ?? -1) + 1)
        }
        let sorted = distinct.sorted()
        return (Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) }), sorted.count)
    }
}
