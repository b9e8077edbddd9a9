import Foundation

/// Writes files under a temporary name and renames them into place, so that a reader never
/// sees a half-written report and an interrupted run never destroys the previous one.
public enum AtomicFile {
    /// The temporary name a file is written under before it is renamed to `url`.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    }

    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { temporary in try data.write(to: temporary) }
    }

    /// Lets `produce` write a file at a temporary URL, then renames it to `url`. The
    /// temporary file is removed if `produce` fails.
    public static func write(to url: URL, _ produce: (URL) throws -> Void) throws {
        let temporary = temporaryURL(for: url)
        do {
            try produce(temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw ReportError.writeFailed(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if error is ReportError { throw error }
            throw ReportError.writeFailed(path: url.path, reason: ReportError.reason(for: error))
        }
    }
}
