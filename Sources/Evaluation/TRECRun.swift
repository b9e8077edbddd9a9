import RecData

/// A ranking run in the TREC format: one `user Q0 item rank score tag` line per ranked
/// item, whitespace-separated.
///
/// Each user's items are ordered by descending score, ties by ascending rank, then by item
/// name; the second column is ignored. A file holds one run, named by its tag.
///
/// Read with a `depth` (the deepest cut-off any metric looks at), a run keeps only each
/// user's best `depth` items and the set of items it names, so that its memory is bounded
/// by the judged users, not by the length of the file; a duplicate item is then caught
/// among the items still kept when it appears.
public struct TRECRun: Sendable {
    /// The file the run came from.
    public let file: String
    /// The run's name (the tag column).
    public let tag: String
    /// Each user's items, best first (at most `depth` of them, when one was given).
    public let rankings: [String: [String]]
    /// The line on which each user first appears.
    public let firstLines: [String: Int]
    /// Every item the run names, ranked or beyond the depth kept.
    public let items: Set<String>

    /// Parses run text.
    ///
    /// - Throws: `DataImportError` naming the line for a line without six fields, a rank
    ///   that is not a whole number, a score that is NaN or infinite, an item ranked twice
    ///   for one user, or a second tag; and for a file without lines.
    public init(text: String, file: String, depth: Int? = nil) throws {
        try self.init(file: file, depth: depth, reading: { try TRECLines.forEachLine(inText: text, $0) })
    }

    /// Reads and parses the run file at `path`, a chunk at a time.
    public init(path: String, depth: Int? = nil) throws {
        try self.init(file: path, depth: depth, reading: { try TRECLines.forEachLine(inFile: path, $0) })
    }

    private typealias Entry = (item: String, rank: Int, score: Double, line: Int)

    /// Parses the lines that `reading` hands over.
    private init(file: String, depth: Int?, reading: ((Int, [Substring]) throws -> Void) throws -> Void) throws {
        var entries = [String: [Entry]]()
        var firstLines = [String: Int]()
        var items = Set<String>()
        var tag: String?
        try reading { line, fields in
            guard fields.count == 6 else {
                throw DataImportError(
                    file: file, line: line,
                    message: "expected 6 fields 'user Q0 item rank score tag', found \(fields.count)")
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
                throw DataImportError(
                    file: file, line: line, message: "score '\(fields[4])' is infinite; scores must be finite")
            }
            if let tag, tag != fields[5] {
                throw DataImportError(
                    file: file, line: line,
                    message: "tag '\(fields[5])' differs from '\(tag)'; a run file holds one run")
            }
            if tag == nil { tag = String(fields[5]) }
            if firstLines[user] == nil { firstLines[user] = line }
            items.insert(item)
            entries[user, default: []].append((item, rank, score, line))
            if let depth, let count = entries[user]?.count, count >= 2 * max(depth, 64) {
                try Self.trim(&entries[user, default: []], to: depth, file: file, user: user)
            }
        }
        guard let tag else { throw DataImportError(file: file, message: "the file holds no ranked items") }
        var rankings = [String: [String]]()
        for (user, var list) in entries {
            try Self.trim(&list, to: depth ?? list.count, file: file, user: user)
            rankings[user] = list.map(\.item)
        }
        self.file = file
        self.tag = tag
        self.firstLines = firstLines
        self.items = items
        self.rankings = rankings
    }

    /// Sorts a user's entries best first, refuses an item listed twice, and keeps `depth`.
    private static func trim(_ list: inout [Entry], to depth: Int, file: String, user: String) throws {
        var lines = [String: Int](minimumCapacity: list.count)
        for entry in list.sorted(by: { $0.line < $1.line }) {
            if let first = lines.updateValue(entry.line, forKey: entry.item) {
                throw DataImportError(
                    file: file, line: entry.line,
                    message: "item '\(entry.item)' is ranked twice for user '\(user)' (first on line \(first))")
            }
        }
        list.sort { ($1.score, $0.rank, $0.item) < ($0.score, $1.rank, $1.item) }
        if list.count > depth { list.removeLast(list.count - depth) }
    }
}
