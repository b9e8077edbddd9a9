import Foundation

extension AtomicFile {
    /// Lets `produce` write a set of files into a scratch directory beside `directory`
    /// (created if missing), then renames each into `directory` and returns where they
    /// went, so an interrupted write leaves no half-written file. The scratch directory is
    /// removed whatever happens.
    public static func writeAll(into directory: URL, _ produce: (URL) throws -> [URL]) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(path: directory.path, reason: "cannot create the directory")
        }
        let scratch = temporaryURL(for: directory.appendingPathComponent("scratch"))
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(path: scratch.path, reason: "cannot create the directory")
        }
        return try produce(scratch).map { temporary in
            let target = directory.appendingPathComponent(temporary.lastPathComponent)
            guard rename(temporary.path, target.path) == 0 else {
                throw ReportError.writeFailed(path: target.path, reason: String(cString: strerror(errno)))
            }
            return target
        }
    }
}
