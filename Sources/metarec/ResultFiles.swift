import Experiments
import Foundation
import Reporting

/// Reads a `results.json` and the `per_user.jsonl` beside it, turning faults into
/// ``InputError``s (exit code 2).
enum ResultFiles {
    /// The results at `path`, with per-user values when the side file exists.
    static func load(_ path: String) throws -> (results: ResultSet, perUser: [PerUserRecord]?) {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, message: "no such file") }
        do {
            let results = try ResultSet.decode(Data(contentsOf: url), source: path)
            let side = url.deletingLastPathComponent().appendingPathComponent("per_user.jsonl")
            let perUser = FileManager.default.fileExists(atPath: side.path) ? try PerUserFile.read(side) : nil
            return (results, perUser)
        } catch let ReportError.unreadableResults(location, reason) {
            throw InputError(file: location, message: reason)
        } catch {
            throw InputError(file: path, message: "cannot read the file")
        }
    }
}
