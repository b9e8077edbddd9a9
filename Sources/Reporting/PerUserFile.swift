import Foundation

/// Reads `per_user.jsonl` files.
public enum PerUserFile {
    /// The records in the file at `url`, one JSON object per line; errors name the line.
    public static func read(_ url: URL) throws -> [PerUserRecord] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError.unreadableResults(path: url.path, reason: "cannot read the file")
        }
        let decoder = JSONDecoder()
        var records = [PerUserRecord]()
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do {
                records.append(try decoder.decode(PerUserRecord.self, from: Data(line)))
            } catch {
                throw ReportError.unreadableResults(path: "\(url.path):\(index + 1)", reason: "not a per-user record")
            }
        }
        return records
    }
}
