import Foundation

extension SuiteRun {
    /// Writes the run's reports in `formats` into `directory` (created if missing), each
    /// file atomically, and returns the files written.
    /// - Throws: `ReportError` when a report cannot be written.
    public func writeReports(to directory: URL, formats: Set<ReportFormat>) throws -> [URL] {
        try ReportBundle(results: results, perUser: perUser).write(to: directory, formats: formats)
    }
}
