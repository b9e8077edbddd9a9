import Foundation

/// Reads a `results.json` and the `per_user.jsonl` beside it, refusing a per-user file that
/// does not belong to the results.
public enum ResultFiles {
    /// The results at `path`, with the per-user values when the side file exists.
    ///
    /// - Throws: ``ReportError`` naming the file when either cannot be read, when the
    ///   per-user file's SHA-256 differs from the one the results header records, or when
    ///   its values do not match the rows (see ``ResultSet/checkPerUser(_:file:)``).
    public static func load(_ path: String) throws -> (results: ResultSet, perUser: [PerUserRecord]?) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReportError.unreadableResults(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue, let data = try? Data(contentsOf: url) else {
            throw ReportError.unreadableResults(path: path, reason: "cannot read the file")
        }
        let results = try ResultSet.decode(data, source: path)
        let side = url.deletingLastPathComponent().appendingPathComponent("per_user.jsonl")
        guard FileManager.default.fileExists(atPath: side.path) else { return (results, nil) }
        let bytes = try PerUserFile.bytes(of: side)
        if let expected = results.header.perUserSHA256, ContentDigest.sha256(bytes) != expected {
            throw ReportError.mismatchedPerUser(
                path: side.path,
                reason: "its SHA-256 differs from the one \(path) records (was either file replaced or edited?)"
            )
        }
        let perUser = try PerUserFile.parse(bytes, path: side.path)
        try results.checkPerUser(perUser, file: side.path)
        return (results, perUser)
    }
}
