import Foundation

/// The report formats a run can write.
public enum ReportFormat: String, CaseIterable, Hashable, Sendable {
    /// `results.json` and `per_user.jsonl`.
    case json
    /// `report.md`.
    case markdown
    /// `report.xlsx`.
    case xlsx
}

/// Writes a run's reports into one directory, each file atomically.
public struct ReportBundle: Sendable {
    /// The results.
    public let results: ResultSet
    /// Per-user values behind the rows.
    public let perUser: [PerUserRecord]

    /// Creates a bundle.
    public init(results: ResultSet, perUser: [PerUserRecord]) {
        self.results = results
        self.perUser = perUser
    }

    /// Writes the chosen formats into `directory` (created if missing) and returns the
    /// files written. JSON is always written first, so the numbers survive a later failure.
    public func write(to directory: URL, formats: Set<ReportFormat>) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(path: directory.path, reason: "cannot create the directory")
        }
        var written = [URL]()
        if formats.contains(.json) {
            let resultsURL = directory.appendingPathComponent("results.json")
            try AtomicFile.write(try results.jsonData(), to: resultsURL)
            let perUserURL = directory.appendingPathComponent("per_user.jsonl")
            try AtomicFile.write(to: perUserURL) { temporary in
                var writer = PerUserLineWriter(path: perUserURL.path)
                try writer.write(perUser, to: temporary)
            }
            written += [resultsURL, perUserURL]
        }
        if formats.contains(.markdown) {
            let charts = ReportCharts(results)
            if !charts.entries.isEmpty {
                let chartDirectory = directory.appendingPathComponent("charts")
                do {
                    try FileManager.default.createDirectory(at: chartDirectory, withIntermediateDirectories: true)
                } catch {
                    throw ReportError.writeFailed(path: chartDirectory.path, reason: "cannot create the directory")
                }
            }
            for entry in charts.entries {
                let url = directory.appendingPathComponent(entry.path)
                try AtomicFile.write(Data(entry.chart.render().utf8), to: url)
                written.append(url)
            }
            let url = directory.appendingPathComponent("report.md")
            try AtomicFile.write(Data(MarkdownReport(results).render().utf8), to: url)
            written.append(url)
        }
        if formats.contains(.xlsx) {
            let url = directory.appendingPathComponent("report.xlsx")
            try AtomicFile.write(to: url) { try XlsxReport(results).write(to: $0.path) }
            written.append(url)
        }
        return written
    }
}
