import Foundation

/// Reads `per_user.jsonl` files.
public enum PerUserFile {
    /// The records in the file at `url`, one JSON object per line; errors name the line.
    public static func read(_ url: URL) throws -> [PerUserRecord] {
        try parse(bytes(of: url), path: url.path)
    }

    /// The file's bytes.
    /// - Throws: ``ReportError/unreadableResults(path:reason:)`` when it cannot be read.
    static func bytes(of url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ReportError.unreadableResults(path: url.path, reason: "cannot read the file")
        }
    }

    /// The records in `data`, read from `path`.
    static func parse(_ data: Data, path: String) throws -> [PerUserRecord] {
        let decoder = JSONDecoder()
        var records = [PerUserRecord]()
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            do {
                records.append(try decoder.decode(PerUserRecord.self, from: Data(line)))
            } catch {
                throw ReportError.unreadableResults(path: "\(path):\(index + 1)", reason: "not a per-user record")
            }
        }
        return records
    }
}
