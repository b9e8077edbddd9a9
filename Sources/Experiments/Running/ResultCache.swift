import Foundation
import Reporting

/// Finished cells stored under their cache keys, so that re-running a suite computes only
/// the cells whose inputs changed and an interrupted run resumes where it stopped.
///
/// Each cell is one JSON file, written atomically as soon as the cell finishes. Failed
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

    private func url(for key: String) -> URL {
        directory.appendingPathComponent("\(key).json")
    }

    /// The stored outcome for `key`, or `nil` when absent or unreadable.
    func load(_ key: String) -> CellOutcome? {
        guard let data = try? Data(contentsOf: url(for: key)) else { return nil }
        return try? JSONDecoder().decode(CellOutcome.self, from: data)
    }

    /// Stores a successful outcome under `key`, atomically.
    func store(_ outcome: CellOutcome, key: String) throws {
        guard outcome.timing.error == nil else { return }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try AtomicFile.write(JSONEncoder().encode(outcome), to: url(for: key))
    }

    /// Removes every stored cell; returns how many there were.
    @discardableResult
    public func clear() throws -> Int {
        guard FileManager.default.fileExists(atPath: directory.path) else { return 0 }
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        for entry in entries {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(entry))
        }
        return entries.count
    }
}
