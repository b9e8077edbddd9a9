import Foundation
import Reporting

/// Finished cells stored under their cache keys, so that re-running a suite computes only
/// the cells whose inputs changed and an interrupted run resumes where it stopped.
///
/// Each cell is one file, written atomically as soon as the cell finishes: a first line
/// naming the key and the SHA-256 of the key and the contents, then the cell's JSON. An
/// entry whose digest or key does not match (edited by hand, copied under another key,
/// truncated) is never used: the cell is computed again and a warning says why. Failed
/// cells are not stored, so they are retried.
public struct ResultCache: Sendable {
    /// The cache's directory.
    public let directory: URL

    /// The default location: `.metarec-cache` in the current directory.
    public static let defaultDirectory = URL(fileURLWithPath: ".metarec-cache")

    /// Creates a cache in `directory` (created when the first cell is stored).
    public init(directory: URL = ResultCache.defaultDirectory) {
        self.directory = directory
    }

    /// The file of the entry of `key`.
    func url(for key: String) -> URL {
        directory.appendingPathComponent("\(key).json")
    }

    // MARK: - Checking

    /// Why cells cannot be stored here (the directory cannot be created, is a file or is not
    /// writable), or `nil` when they can. Leaves the directory created.
    public func writeProblem() -> String? {
        do {
            try ReportBundle.prepare(directory)
            return nil
        } catch let error as ReportError {
            if case let .writeFailed(_, reason) = error { return "cannot store cells in \(directory.path): \(reason)" }
            return "\(error)"
        } catch {
            return "cannot store cells in \(directory.path)"
        }
    }

    // MARK: - Entries

    /// The stored outcome for `key`, or `nil` when absent; an entry that exists but fails
    /// its check is reported to `rejected` (with the reason) and not used.
    func load(_ key: String, rejected: (String) -> Void) -> CellOutcome? {
        let url = url(for: key)
        guard let data = try? Data(contentsOf: url) else { return nil }
        guard let newline = data.firstIndex(of: 0x0A),
            let head = try? JSONDecoder().decode(EntryHead.self, from: data[..<newline])
        else {
            rejected("\(url.path): not a cache entry of this toolkit; computing the cell again")
            return nil
        }
        let payload = data[data.index(after: newline)...]
        guard head.key == key else {
            rejected(
                "\(url.path): holds the cell of key \(head.key.prefix(12))…, not its own; computing the cell again")
            return nil
        }
        guard head.sha256 == Self.digest(key: key, payload: payload) else {
            rejected(
                "\(url.path): its contents do not match their SHA-256 (edited or damaged); computing the cell again")
            return nil
        }
        guard let outcome = try? JSONDecoder().decode(CellOutcome.self, from: payload) else {
            rejected("\(url.path): unreadable contents; computing the cell again")
            return nil
        }
        return outcome
    }

    /// The SHA-256 that the entry of `key` records for its contents, read from its first
    /// line only (the contents are checked when the cell is loaded), or `nil` when there is
    /// no such entry. Fingerprints the cells behind a suite's stored reports (see
    /// ``CachedReports``).
    func digest(of key: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: url(for: key).path) else { return nil }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: 512), let newline = start.firstIndex(of: 0x0A),
            let head = try? JSONDecoder().decode(EntryHead.self, from: start[..<newline]), head.key == key
        else { return nil }
        return head.sha256
    }

    /// Stores a successful outcome under `key`, atomically.
    func store(_ outcome: CellOutcome, key: String) throws {
        guard outcome.timing.error == nil else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(path: directory.path, reason: ReportError.reason(for: error))
        }
        let payload = try JSONEncoder().encode(outcome)
        let head = try JSONEncoder().encode(EntryHead(key: key, sha256: Self.digest(key: key, payload: payload)))
        try AtomicFile.write(head + Data([0x0A]) + payload, to: url(for: key))
    }

    /// The first line of an entry.
    private struct EntryHead: Codable {
        let key: String
        let sha256: String
    }

    /// The SHA-256 of the key and the payload, which ties the two together.
    private static func digest(key: String, payload: Data) -> String {
        ContentDigest.sha256(Data(key.utf8) + [0x0A] + payload)
    }

    // MARK: - Clearing

    /// Removes every stored cell and every suite's stored reports; returns how many cells
    /// there were.
    /// - Throws: `ReportError/writeFailed(path:reason:)` naming the directory or entry that
    ///   cannot be listed or removed.
    @discardableResult
    public func clear() throws -> Int {
        guard FileManager.default.fileExists(atPath: directory.path) else { return 0 }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasSuffix(".json")
            }
        } catch {
            throw ReportError.writeFailed(
                path: directory.path, reason: "cannot list the cache (\(ReportError.reason(for: error)))")
        }
        for entry in entries + [CachedReports.folder] {
            let url = directory.appendingPathComponent(entry)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw ReportError.writeFailed(
                    path: url.path, reason: "cannot remove the cached cell (\(ReportError.reason(for: error)))")
            }
        }
        return entries.count
    }

    /// The location of the suites' stored reports (see ``CachedReports``).
    var reportsDirectory: URL { directory.appendingPathComponent(CachedReports.folder) }
}
