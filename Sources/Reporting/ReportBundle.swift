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

/// Writes a run's reports into one directory as a set.
///
/// Every file is first written into a hidden staging folder inside the directory; only when
/// all of them are complete are they renamed into place, `results.json` last, and report
/// files of an earlier run that this one does not write are removed. A write that fails (a
/// full disk) or is interrupted therefore leaves the earlier report as it was, never a
/// mixture. `results.json` carries the SHA-256 of the `per_user.jsonl` beside it, so that a
/// reader can tell the two belong together.
public struct ReportBundle: Sendable {
    /// The results.
    public let results: ResultSet
    /// Per-user values behind the rows.
    public let perUser: [PerUserRecord]
    /// Called with each file's name before it is written; a test makes it throw to stand for
    /// a full disk.
    public var beforeWriting: @Sendable (String) throws -> Void = { _ in }

    /// The names of the entries a report consists of; only these are replaced or removed.
    public static let entryNames: Set<String> = [
        "results.json", "per_user.jsonl", "report.md", "report.xlsx", "charts",
    ]

    /// Creates a bundle.
    public init(results: ResultSet, perUser: [PerUserRecord]) {
        self.results = results
        self.perUser = perUser
    }

    // MARK: - Checking the directory

    /// Makes sure that reports can be written into `directory` before any work is done:
    /// it is created when missing, and a probe file is written into it and removed.
    /// - Throws: ``ReportError/writeFailed(path:reason:)`` naming the directory when it is a
    ///   file, cannot be created or is not writable.
    public static func prepare(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ReportError.writeFailed(path: directory.path, reason: "it is a file, not a directory")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(
                path: directory.path, reason: "cannot create the directory (\(ReportError.reason(for: error)))")
        }
        let probe = directory.appendingPathComponent(".metarec-probe-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
            throw ReportError.writeFailed(path: directory.path, reason: "the directory is not writable")
        }
        try? FileManager.default.removeItem(at: probe)
    }

    // MARK: - Writing

    /// The hidden folder inside `directory` where this process stages a report.
    public static func stagingURL(in directory: URL) -> URL {
        directory.appendingPathComponent(".metarec-writing-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Writes the chosen formats into `directory` (created if missing) and returns the
    /// files written. `commit` wraps the renaming of the finished files into place (an
    /// interrupt handler holds it off meanwhile).
    public func write(
        to directory: URL, formats: Set<ReportFormat>, commit: (() throws -> Void) throws -> Void = { try $0() }
    ) throws -> [URL] {
        try Self.prepare(directory)
        let staging = Self.stagingURL(in: directory)
        try? FileManager.default.removeItem(at: staging)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw ReportError.writeFailed(
                path: staging.path, reason: "cannot create the directory (\(ReportError.reason(for: error)))")
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        let written = try stage(into: staging, formats: formats)
        try commit { try Self.move(written, from: staging, into: directory) }
        return written.map { directory.appendingPathComponent($0) }
    }

    /// Writes every file into `staging`; returns their paths relative to it.
    private func stage(into staging: URL, formats: Set<ReportFormat>) throws -> [String] {
        var written = [String]()
        if formats.contains(.json) {
            let perUserURL = staging.appendingPathComponent("per_user.jsonl")
            var results = self.results
            try file("per_user.jsonl", at: perUserURL) { url in
                var writer = PerUserLineWriter(path: url.path)
                results.header.perUserSHA256 = try writer.write(perUser, to: url)
            }
            try file("results.json", at: staging.appendingPathComponent("results.json")) {
                try results.jsonData().write(to: $0)
            }
            written += ["results.json", "per_user.jsonl"]
        }
        if formats.contains(.markdown) {
            let charts = ReportCharts(results)
            if !charts.entries.isEmpty || !charts.costEntries.isEmpty {
                let chartDirectory = staging.appendingPathComponent("charts")
                do {
                    try FileManager.default.createDirectory(at: chartDirectory, withIntermediateDirectories: true)
                } catch {
                    throw ReportError.writeFailed(path: chartDirectory.path, reason: "cannot create the directory")
                }
            }
            for entry in charts.entries {
                try file(entry.path, at: staging.appendingPathComponent(entry.path)) {
                    try Data(entry.chart.render().utf8).write(to: $0)
                }
                written.append(entry.path)
            }
            for entry in charts.costEntries {
                try file(entry.path, at: staging.appendingPathComponent(entry.path)) {
                    try Data(entry.chart.render().utf8).write(to: $0)
                }
                written.append(entry.path)
            }
            try file("report.md", at: staging.appendingPathComponent("report.md")) {
                try Data(MarkdownReport(results).render().utf8).write(to: $0)
            }
            written.append("report.md")
        }
        if formats.contains(.xlsx) {
            try file("report.xlsx", at: staging.appendingPathComponent("report.xlsx")) {
                try XlsxReport(results).write(to: $0.path)
            }
            written.append("report.xlsx")
        }
        return written
    }

    /// Writes one file through `produce`, turning every failure into a ``ReportError``.
    private func file(_ name: String, at url: URL, _ produce: (URL) throws -> Void) throws {
        do {
            try beforeWriting(name)
            try produce(url)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.writeFailed(path: url.path, reason: ReportError.reason(for: error))
        }
    }

    // MARK: - Committing

    /// Removes the earlier report's entries that this one does not replace, then renames the
    /// staged entries (`written`, relative to `staging`) into `directory`, `results.json` last.
    /// - Throws: ``ReportError/writeFailed(path:reason:)`` naming the entry that cannot be
    ///   removed or renamed.
    public static func move(_ written: [String], from staging: URL, into directory: URL) throws {
        let topLevel = Set(written.map { String($0.split(separator: "/").first ?? "") })
        for stale in entryNames.subtracting(topLevel) {
            let url = directory.appendingPathComponent(stale)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw ReportError.writeFailed(
                    path: url.path,
                    reason: "cannot remove the earlier report's file (\(ReportError.reason(for: error)))")
            }
        }
        let order = topLevel.sorted { ($0 == "results.json" ? 1 : 0, $0) < ($1 == "results.json" ? 1 : 0, $1) }
        for name in order {
            let target = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
                let old = staging.appendingPathComponent(".old-\(name)")
                try rename(target, to: old)
            }
            try rename(staging.appendingPathComponent(name), to: target)
        }
    }

    private static func rename(_ source: URL, to target: URL) throws {
        guard Foundation.rename(source.path, target.path) == 0 else {
            throw ReportError.writeFailed(path: target.path, reason: String(cString: strerror(errno)))
        }
    }
}
