import RecData
/// A ranking run in the TREC format: one `user Q0 item rank score tag` line per ranked
/// item, whitespace-separated.
///
/// Each user's items are ordered by descending score, ties by ascending rank, then by item
/// name; the second column is ignored. A file holds one run, named by its tag.
public struct TRECRun: Sendable {
    /// The file the run came from.
    public let file: String
    /// The run's name (the tag column).
    public let tag: String
    /// Each user's items, best first.
    public let rankings: [String: [String]]
    /// The line on which each user first appears.
    public let firstLines: [String: Int]

    /// Parses run text.
    ///
    /// - Throws: ``DataImportError`` naming the line for a line without six fields, a rank
    ///   that is not a whole number, a score that is NaN or infinite, an item ranked twice
    ///   for one user, or a second tag; and for a file without lines.
    public init(text: String, file: String) throws {
        var entries = [String: [(item: String, rank: Int, score: Double)]]()
        var lines = [String: [String: Int]]()
        var firstLines = [String: Int]()
        var tag: String?
        for (line, fields) in TRECLines.fields(of: text) {
            guard fields.count == 6 else {
                throw DataImportError(file: file, line: line, message: "expected 6 fields 'user Q0 item rank score tag', found \(fields.count)")
            }
            let user = String(fields[0])
            let item = String(fields[2])
            guard let rank = Int(fields[3]) else {
                throw DataImportError(file: file, line: line, message: "rank '\(fields[3])' is not a whole number")
            }
            guard let score = Double(fields[4]), !score.isNaN else {
                throw DataImportError(file: file, line: line, message: "score '\(fields[4])' is not a number")
            }
            guard score.isFinite else {
                throw DataImportError(file: file, line: line, message: "score '\(fields[4])' is infinite; scores must be finite")
            }
            let lineTag = String(fields[5])
            if let tag, tag != lineTag {
                throw DataImportError(file: file, line: line, message: "tag '\(lineTag)' differs from '\(tag)'; a run file holds one run")
            }
            tag = lineTag
            if let first = lines[user]?[item] {
                throw DataImportError(file: file, line: line, message: "item '\(item)' is ranked twice for user '\(user)' (first on line \(first))")
            }
            lines[user, default: [:]][item] = line
            if firstLines[user] == nil { firstLines[user] = line }
            entries[user, default: []].append((item, rank, score))
        }
        guard let tag else { throw DataImportError(file: file, message: "the file holds no ranked items") }
        self.file = file
        self.tag = tag
        self.firstLines = firstLines
        self.rankings = entries.mapValues { items in
            items.sorted { ($1.score, $0.rank, $0.item) < ($0.score, $1.rank, $1.item) }.map(\.item)
        }
    }

    /// Reads and parses the run file at `path`.
    public init(path: String) throws {
        try self.init(text: TRECLines.read(path), file: path)
    }
}
