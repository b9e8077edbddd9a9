import Foundation

/// Reads a dataset's RecBole atomic files (`NAME.inter`, and when present `NAME.user` and
/// `NAME.item`) as a ``Dataset``.
///
/// The `.inter` file is parsed straight into interactions, byte by byte, so that a million
/// rows load in well under two seconds and a few tens of megabytes (`Benchmarks/RealData`).
/// Users are the rows of the `.user` table in order, then — only when there is no `.user`
/// file — users first seen in the interactions; likewise items. Interactions naming an id
/// missing from an existing table follow the ``UnknownIDPolicy``. Token features become
/// categorical codes (``CategoryCoder``), `token_seq` multi-valued, `float` numeric (an
/// empty cell is NaN), `float_seq` dense vectors (every row of one length). Fields of the
/// `.inter` file that play no role are checked by type and otherwise ignored.
public struct RecBoleImporter: Sendable {
    /// The folder holding the files.
    public var directory: URL
    /// The dataset's name: the files' common stem.
    public var name: String
    /// Which fields are ids, rating and time.
    public var roles = RecBoleFieldRoles()
    /// What to do with interactions naming ids the tables lack.
    public var unknownIDs = UnknownIDPolicy.fail
    /// The rating scale; `nil` for the observed range.
    public var feedback: Feedback?

    /// An importer of `name`'s files in `directory`.
    public init(
        directory: URL, name: String, roles: RecBoleFieldRoles = RecBoleFieldRoles(),
        unknownIDs: UnknownIDPolicy = .fail, feedback: Feedback? = nil
    ) {
        self.directory = directory
        self.name = name
        self.roles = roles
        self.unknownIDs = unknownIDs
        self.feedback = feedback
    }

    /// The paths of the files that exist (the `.inter` file always counts).
    public var files: [String] {
        let urls = RecBoleDataset.urls(in: directory, name: name)
        return [urls.interactions.path]
            + [urls.users.path, urls.items.path].filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Reads the files.
    /// - Throws: ``DataImportError`` naming the file, line and field of the first fault.
    public func load() throws -> ImportedDataset {
        let urls = RecBoleDataset.urls(in: directory, name: name)
        let exists = { (url: URL) in FileManager.default.fileExists(atPath: url.path) }
        let users = try exists(urls.users) ? Self.features(of: urls.users.path, idField: roles.user) : nil
        let items = try exists(urls.items) ? Self.features(of: urls.items.path, idField: roles.item) : nil
        var rated = false
        var collector = try InteractionCollector.reading(
            urls.interactions.path, users: users?.index ?? IDIndex(open: true),
            items: items?.index ?? IDIndex(open: true),
            policy: unknownIDs, validatingUTF8: true
        ) { file, collector in
            rated = try readInteractions(file, into: &collector)
        }
        let values = collector.interactions.lazy.map(\.value)
        let scale = rated ? feedback ?? .rating(minimum: values.min() ?? 0, maximum: values.max() ?? 0) : .implicit
        return collector.dataset(name: name, users: users?.table, items: items?.table, feedback: scale)
    }

    // MARK: - Interactions

    /// Reads the rows into `collector`; returns whether a rating field was read.
    private func readInteractions(_ file: TextFile, into collector: inout InteractionCollector) throws -> Bool {
        var columns: (user: Int, item: Int, rating: Int?, time: Int?)?
        var others = [Int]()
        var row = 0
        let fields = try RecBoleReader.rows(of: file) { number, fields, cells in
            let at = try columns ?? roleColumns(fields, file: file)
            if columns == nil {
                columns = at
                others = fields.indices.filter { ![at.user, at.item, at.rating, at.time].contains($0) }
            }
            for index in others {
                try file.checkRecBoleCell(
                    cells[index], type: fields[index].type, line: number, field: fields[index].name)
            }
            let value =
                try at.rating.map { index -> Float in
                    guard let value = try file.recBoleFloat(cells[index], line: number, field: fields[index].name)
                    else {
                        throw file.error(line: number, field: fields[index].name, "the rating is missing")
                    }
                    return Float(value)
                } ?? 1
            let time =
                try at.time.map { index -> Int64 in
                    guard let value = try file.recBoleFloat(cells[index], line: number, field: fields[index].name)
                    else {
                        throw file.error(line: number, field: fields[index].name, "the time is missing")
                    }
                    guard abs(value) < 9e18 else {
                        throw file.error(line: number, field: fields[index].name, "the time \(value) is out of range")
                    }
                    return Int64(value.rounded())
                } ?? Int64(row)
            row += 1
            try collector.add(
                user: file.text(cells[at.user]), item: file.text(cells[at.item]), time: time, value: value,
                file: file, line: number, fields: (fields[at.user].name, fields[at.item].name)
            )
        }
        if columns == nil { _ = try roleColumns(fields, file: file) }
        return roles.rating != nil
    }

    /// The columns of the role fields, each checked to exist with the right type.
    private func roleColumns(_ fields: [RecBoleField], file: TextFile) throws -> (
        user: Int, item: Int, rating: Int?, time: Int?
    ) {
        func column(_ name: String, type: RecBoleFieldType, role: String) throws -> Int {
            guard let index = fields.firstIndex(where: { $0.name == name }) else {
                let present = fields.map { "\($0.name):\($0.type.rawValue)" }.joined(separator: ", ")
                throw file.error(
                    line: 1, field: name,
                    "no field '\(name)' for the \(role) role; the header has \(present) (set dataset.fields.\(role) to another field\(role == "rating" || role == "timestamp" ? ", or to none" : ""))"
                )
            }
            guard fields[index].type == type else {
                throw file.error(
                    line: 1, field: name,
                    "the \(role) field must be \(type.rawValue), not \(fields[index].type.rawValue)")
            }
            return index
        }
        return (
            try column(roles.user, type: .token, role: "user"), try column(roles.item, type: .token, role: "item"),
            try roles.rating.map { try column($0, type: .float, role: "rating") },
            try roles.timestamp.map { try column($0, type: .float, role: "timestamp") }
        )
    }

    // MARK: - Feature tables

    /// A `.user` or `.item` table's features and its id index.
    static func features(of path: String, idField: String) throws -> (table: FeatureTable, index: IDIndex) {
        let file = try TextFile.read(path)
        try file.validateUTF8()
        let table = try RecBoleReader.read(file)
        guard let idColumn = table.column(named: idField) else {
            throw file.error(line: 1, field: idField, "missing the id field \(idField):token")
        }
        guard case let .token(ids) = idColumn else {
            throw file.error(line: 1, field: idField, "the id field must be token, not \(idColumn.type.rawValue)")
        }
        var index = IDIndex(open: false)
        for (row, id) in ids.enumerated() where !index.insert(id) {
            throw file.error(line: row + 2, field: idField, "id '\(id)' appears twice")
        }
        var features = FeatureTable(rowCount: ids.count)
        for column in table.columns where column.name != idField {
            features.append(column.name, try feature(column.values, name: column.name, file: file))
        }
        return (features, index)
    }

    private static func feature(_ values: RecBoleColumn, name: String, file: TextFile) throws -> FeatureColumn {
        switch values {
        case let .token(tokens):
            return CategoryCoder.categorical(tokens)
        case let .tokenSequence(lists):
            return CategoryCoder.multiValued(lists)
        case let .float(numbers):
            return .numeric(numbers.map { $0.map(Float.init) ?? .nan })
        case let .floatSequence(rows):
            let dimension = rows.first?.count ?? 0
            if let bad = rows.firstIndex(where: { $0.count != dimension }) {
                throw file.error(
                    line: bad + 2, field: name, "\(rows[bad].count) values here but \(dimension) on the first row")
            }
            return .dense(rows.flatMap { $0.map(Float.init) }, dimension: dimension)
        }
    }
}
