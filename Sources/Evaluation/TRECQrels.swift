import RecData

/// Relevance judgments in the TREC qrels format: one `user 0 item relevance` line per
/// judged (user, item) pair, whitespace-separated (the second column, TREC's iteration,
/// is ignored). A positive relevance is relevant and is the item's grade for nDCG; zero
/// or negative means judged non-relevant.
public struct TRECQrels: Sendable {
    /// The file the judgments came from.
    public let file: String
    /// Grades by user, then item.
    public let judgments: [String: [String: Double]]
    /// The users in the order they first appear.
    public let users: [String]

    /// Parses qrels text.
    ///
    /// - Throws: `DataImportError` naming the line for a line without four fields, a
    ///   relevance that is not a finite number, or an item judged twice for one user; and
    ///   for a file without judgments.
    public init(text: String, file: String) throws {
        try self.init(file: file, reading: { try TRECLines.forEachLine(inText: text, $0) })
    }

    /// Reads and parses the qrels file at `path`, a chunk at a time.
    public init(path: String) throws {
        try self.init(file: path, reading: { try TRECLines.forEachLine(inFile: path, $0) })
    }

    /// Parses the lines that `lines` hands over.
    private init(file: String, reading: ((Int, [Substring]) throws -> Void) throws -> Void) throws {
        var judgments = [String: [String: Double]]()
        var lines = [String: [String: Int]]()
        var users = [String]()
        try reading { line, fields in
            guard fields.count == 4 else {
                throw DataImportError(
                    file: file, line: line, message: "expected 4 fields 'user 0 item relevance', found \(fields.count)")
            }
            let user = String(fields[0])
            let item = String(fields[2])
            guard let grade = Double(fields[3]), grade.isFinite else {
                throw DataImportError(
                    file: file, line: line, message: "relevance '\(fields[3])' is not a finite number")
            }
            if let first = lines[user]?[item] {
                throw DataImportError(
                    file: file, line: line,
                    message: "item '\(item)' is judged twice for user '\(user)' (first on line \(first))")
            }
            if judgments[user] == nil { users.append(user) }
            judgments[user, default: [:]][item] = grade
            lines[user, default: [:]][item] = line
        }
        guard !users.isEmpty else { throw DataImportError(file: file, message: "the file holds no judgments") }
        self.file = file
        self.judgments = judgments
        self.users = users
    }
}
