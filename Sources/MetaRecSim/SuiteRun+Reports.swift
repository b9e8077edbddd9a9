import Foundation

extension SuiteRun {
    /// Writes the run's reports in `formats` into `directory` (created if missing) as a set,
    /// and returns the files written; `commit` wraps the moving of the finished files into
    /// place (see `ReportBundle`).
    /// - Throws: `ReportError` when a report cannot be written.
    public func writeReports(
        to directory: URL, formats: Set<ReportFormat>, commit: (() throws -> Void) throws -> Void = { try $0() }
    ) throws -> [URL] {
        try ReportBundle(results: results, perUser: perUser).write(to: directory, formats: formats, commit: commit)
    }
}
