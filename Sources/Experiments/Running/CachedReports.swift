import Foundation
import Reporting

/// A suite's finished reports, kept in the result cache beside its cells, so that a re-run
/// whose every cell would come from the cache writes them without decoding 2 million
/// per-user values, testing them again and rendering every report.
///
/// **Key.** The SHA-256 of every cell's key together with the digest its cache entry records
/// (so a cell computed again changes it), the formats, and the results header without its
/// timings (scenarios, seeds, build, commit, host, libraries, shard, warnings). A changed
/// scenario, model, seed or build changes a cell key; a changed commit changes the header.
///
/// **Entry.** `suites/<suite>-<key>/` holds `entry.json` (a first line naming the key and
/// the SHA-256 of the rest, then the manifest: the header as written, the SHA-256 of every
/// stored file, where the header sits in `results.json` and the wall time in `report.md`),
/// the storing run's `results.json`, `report.md` and `charts/`, a hard link to its
/// `per_user.jsonl` (a copy when the cache is on another file system), and `report.xlsx`
/// rendered with placeholders for the run's start and wall time and every cell marked as
/// cached.
///
/// **Re-use.** A re-run writes the stored files with its own header spliced into
/// `results.json`, its wall time into `report.md`, and its start, wall time and the
/// workbook's creation time into the workbook's shared strings and properties (the other
/// parts of the archive are copied compressed); `per_user.jsonl` is linked, not written.
/// The reports are the ones the cells would give, byte for byte but for the run's own
/// timings. Every stored file but `per_user.jsonl` is checked against its SHA-256;
/// `per_user.jsonl` (hundreds of megabytes) and the cells' entries against their size,
/// inode and modification time, which any write through the output folder's link, or to a
/// cell's entry, changes. An entry that fails a check
/// is reported and the reports are computed from the cells.
struct CachedReports {
    /// The cache folder that holds the suites' entries.
    static let folder = "suites"

    /// The cache.
    let cache: ResultCache
    /// The suite's key (see ``key(cells:in:header:formats:)``).
    let key: String
    /// The suite's name (with its shard, if any); a new entry replaces the earlier ones of
    /// that name.
    let suite: String

    /// Where the entry lives.
    var directory: URL { cache.reportsDirectory.appendingPathComponent("\(Self.prefix(of: suite))-\(key)") }

    /// The placeholder start the stored workbook holds.
    static let startedPlaceholder = "metarec-cached-run-started"
    /// The placeholder wall time the stored workbook holds.
    static let secondsPlaceholder = 987_654.3219

    // MARK: - Key

    /// The key of the reports of `cells` (their cache keys, in suite order) under `header`
    /// and `formats`; `nil` when a cell is not in the cache.
    static func key(cells: [String], in cache: ResultCache, header: ResultHeader, formats: Set<ReportFormat>)
        -> String?
    {
        var text = "metarec suite reports 1\n"
        for cell in cells {
            guard let digest = cache.digest(of: cell) else { return nil }
            text += "\(cell) \(digest)\n"
        }
        text += formats.map(\.rawValue).sorted().joined(separator: ",") + "\n"
        guard let header = try? sortedEncoder().encode(withoutTimings(header)) else { return nil }
        return ContentDigest.sha256(Data(text.utf8) + header)
    }

    /// `header` without what varies from run to run of the same cells.
    private static func withoutTimings(_ header: ResultHeader) -> ResultHeader {
        var header = header
        header.timings = ResultHeader.Timings(started: "", totalSeconds: 0, cells: [])
        header.perUserSHA256 = nil
        return header
    }

    private static func sortedEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// The first characters of the hex SHA-256 of the suite's name: entries of one suite
    /// share it.
    private static func prefix(of suite: String) -> String {
        String(ContentDigest.sha256(Data(suite.utf8)).prefix(16))
    }

    // MARK: - Manifest

    /// What `entry.json` records after its first line.
    private struct Manifest: Codable {
        /// The results header as the storing run wrote it.
        var header: ResultHeader
        /// The SHA-256 of every stored file but `per_user.jsonl`, by path in the entry.
        var files: [String: String]
        /// `per_user.jsonl`'s size, inode and modification time, when stored.
        var perUser: FileStamp?
        /// The cells' cache entries' size, inode and modification time, in suite order: an
        /// entry edited in place (its recorded digest unchanged) is noticed without reading it.
        var cells: [FileStamp]
        /// Where `results.json` holds the header: start and end offsets.
        var headerBytes: [Int]
        /// Where `report.md` holds the wall time's number, when stored.
        var wallTimeBytes: [Int]?
        /// The workbook's creation time, as its properties spell it, when stored.
        var workbookCreated: String?
    }

    /// What identifies a file's contents without reading it.
    private struct FileStamp: Codable, Equatable {
        let size: UInt64
        let inode: UInt64
        let modified: Double

        init(of url: URL) throws {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            guard let size = attributes[.size] as? NSNumber, let inode = attributes[.systemFileNumber] as? NSNumber,
                let modified = attributes[.modificationDate] as? Date
            else { throw Damage("cannot stat \(url.lastPathComponent)") }
            self.size = size.uint64Value
            self.inode = inode.uint64Value
            self.modified = modified.timeIntervalSince1970
        }
    }

    /// Why an entry cannot be used or stored.
    private struct Damage: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The first line of `entry.json`.
    private struct Head: Codable {
        let key: String
        let sha256: String
    }

    private var entryURL: URL { directory.appendingPathComponent("entry.json") }

    private func readManifest() throws -> Manifest {
        let data = try Data(contentsOf: entryURL)
        guard let newline = data.firstIndex(of: 0x0A),
            let head = try? JSONDecoder().decode(Head.self, from: data[..<newline])
        else { throw Damage("not an entry of this toolkit") }
        let payload = data[data.index(after: newline)...]
        guard head.key == key else { throw Damage("holds the reports of another key") }
        guard head.sha256 == ContentDigest.sha256(payload) else {
            throw Damage("its manifest does not match its SHA-256 (edited or damaged)")
        }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: payload) else {
            throw Damage("unreadable manifest")
        }
        return manifest
    }

    // MARK: - Writing a run's reports from the entry

    /// Writes the stored reports into `directory` as the reports of a run of `cells` (their
    /// cache keys) under `header` that started at `started` and took every cell from the
    /// cache; returns the files written, or `nil` (after telling `warn` why, unless there is
    /// no entry) when the entry is missing or fails a check, so that the caller computes
    /// the reports.
    /// - Throws: ``ReportError`` when the output folder cannot be written.
    func write(
        cells: [String], header: ResultHeader, started: Date, formats: Set<ReportFormat>, into directory: URL,
        commit: (() throws -> Void) throws -> Void, warn: (String) -> Void
    ) throws -> [URL]? {
        guard FileManager.default.fileExists(atPath: entryURL.path) else { return nil }
        try ReportBundle.prepare(directory)
        let staging = ReportBundle.stagingURL(in: directory)
        try? FileManager.default.removeItem(at: staging)
        defer { try? FileManager.default.removeItem(at: staging) }
        let written: [String]
        do {
            let manifest = try readManifest()
            guard Self.withoutTimings(manifest.header) == Self.withoutTimings(header) else {
                throw Damage("holds the reports of another header")
            }
            guard try cells.map({ try FileStamp(of: cache.url(for: $0)) }) == manifest.cells else {
                throw Damage("a cell's cache entry changed since the reports were stored")
            }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            var header = header
            header.perUserSHA256 = manifest.header.perUserSHA256
            header.timings.cells = manifest.header.timings.cells.map { cell in
                var cell = cell
                cell.cached = true
                return cell
            }
            written = try stage(manifest, formats: formats, header: header, started: started, into: staging)
        } catch {
            warn("cache: \(self.directory.path): \(error); writing the reports from the cells")
            return nil
        }
        try commit { try ReportBundle.move(written, from: staging, into: directory) }
        return written.map { directory.appendingPathComponent($0) }
    }

    /// Writes the entry's files for `header` into `staging`; returns their paths.
    private func stage(
        _ manifest: Manifest, formats: Set<ReportFormat>, header: ResultHeader, started: Date, into staging: URL
    ) throws -> [String] {
        var header = header
        let checked = { (path: String) throws -> Data in
            let data = try Data(contentsOf: self.directory.appendingPathComponent(path))
            guard let digest = manifest.files[path], ContentDigest.sha256(data) == digest else {
                throw Damage("\(path) does not match its SHA-256 (edited or damaged)")
            }
            return data
        }
        var written = [String]()
        var results = Data()
        if formats.contains(.json) {
            results = try checked("results.json")
            let perUser = directory.appendingPathComponent("per_user.jsonl")
            guard let stamp = manifest.perUser, try FileStamp(of: perUser) == stamp else {
                throw Damage("per_user.jsonl was changed since it was stored")
            }
            try Self.link(perUser, to: staging.appendingPathComponent("per_user.jsonl"))
            written.append("per_user.jsonl")
        }
        if formats.contains(.markdown) {
            let charts = manifest.files.keys.filter { $0.hasPrefix("charts/") }.sorted()
            if !charts.isEmpty {
                try FileManager.default.createDirectory(
                    at: staging.appendingPathComponent("charts"), withIntermediateDirectories: false)
            }
            for path in charts {
                try checked(path).write(to: staging.appendingPathComponent(path))
                written.append(path)
            }
        }
        let workbook = formats.contains(.xlsx) ? try checked("report.xlsx") : nil
        let markdown = formats.contains(.markdown) ? try checked("report.md") : nil
        // The wall time covers everything but the writing, as in a run that computes.
        header.timings.totalSeconds = Date().timeIntervalSince(started)
        let seconds = Data(SeedAggregate.format(header.timings.totalSeconds).utf8)
        if let markdown {
            guard let range = Self.span(manifest.wallTimeBytes, in: markdown) else {
                throw Damage("no wall time in report.md")
            }
            try (markdown[..<range.lowerBound] + seconds + markdown[range.upperBound...]).write(
                to: staging.appendingPathComponent("report.md"))
            written.append("report.md")
        }
        if let workbook {
            try Self.workbook(workbook, manifest: manifest, header: header)
                .write(to: staging.appendingPathComponent("report.xlsx"))
            written.append("report.xlsx")
        }
        if formats.contains(.json) {
            guard let range = Self.span(manifest.headerBytes, in: results) else {
                throw Damage("no header in results.json")
            }
            try (results[..<range.lowerBound] + ResultSet.headerJSON(header) + results[range.upperBound...]).write(
                to: staging.appendingPathComponent("results.json"))
            written.insert("results.json", at: 0)
        }
        return written
    }

    /// The stored workbook with the run's start, wall time and creation time in place of
    /// the placeholders.
    private static func workbook(_ data: Data, manifest: Manifest, header: ResultHeader) throws -> Data {
        let archive = try ZipArchive(data, path: "report.xlsx")
        guard let (strings, properties) = textParts(of: archive), let created = manifest.workbookCreated
        else { throw Damage("report.xlsx lacks its shared strings or properties") }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let now = formatter.string(from: Date())
        return archive.replacing([
            sharedStrings: Data(
                strings.replacingOccurrences(of: text(startedPlaceholder), with: text(header.timings.started))
                    .replacingOccurrences(
                        of: text(SeedAggregate.format(secondsPlaceholder)),
                        with: text(SeedAggregate.format(header.timings.totalSeconds))
                    ).utf8),
            coreProperties: Data(properties.replacingOccurrences(of: ">\(created)<", with: ">\(now)<").utf8),
        ])
    }

    private static let sharedStrings = "xl/sharedStrings.xml"
    private static let coreProperties = "docProps/core.xml"

    /// The workbook's shared strings and core properties, the two parts a re-run rewrites.
    private static func textParts(of archive: ZipArchive) -> (strings: String, properties: String)? {
        guard let strings = archive.contents(of: sharedStrings), let properties = archive.contents(of: coreProperties)
        else { return nil }
        return (String(decoding: strings, as: UTF8.self), String(decoding: properties, as: UTF8.self))
    }

    /// A shared string's element.
    private static func text(_ string: String) -> String { "<si><t>\(string)</t></si>" }

    // MARK: - Storing a run's reports

    /// Stores the reports that `run` of `cells` (their cache keys) wrote into `reports` in
    /// `formats`, replacing the suite's earlier entries. The caller stores only a complete
    /// run without failures or warnings whose every cell is in the cache (`key` is then its
    /// key).
    /// - Throws: when the entry cannot be written; the run's reports are unaffected.
    func store(_ run: SuiteRun, cells: [String], formats: Set<ReportFormat>, from reports: URL) throws {
        let root = cache.reportsDirectory
        let prefix = Self.prefix(of: suite)
        let scratch = root.appendingPathComponent(
            Self.scratchName(suite: suite, process: ProcessInfo.processInfo.processIdentifier))
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var header = run.results.header
        var files = [String: String]()
        let keep = { (path: String) throws -> Data in
            let target = scratch.appendingPathComponent(path)
            try Self.link(reports.appendingPathComponent(path), to: target)
            let data = try Data(contentsOf: target)
            files[path] = ContentDigest.sha256(data)
            return data
        }
        var manifest = Manifest(
            header: header, files: [:], perUser: nil, cells: try cells.map { try FileStamp(of: cache.url(for: $0)) },
            headerBytes: [])
        if formats.contains(.json) {
            let results = try keep("results.json")
            try Self.link(
                reports.appendingPathComponent("per_user.jsonl"), to: scratch.appendingPathComponent("per_user.jsonl"))
            manifest.perUser = try FileStamp(of: scratch.appendingPathComponent("per_user.jsonl"))
            guard let digest = Self.perUserDigest(in: results) else {
                throw Damage("no per_user_sha256 in results.json")
            }
            header.perUserSHA256 = digest
            guard let range = results.range(of: try ResultSet.headerJSON(header)) else {
                throw Damage("results.json does not hold the run's header")
            }
            manifest.header = header
            manifest.headerBytes = [range.lowerBound, range.upperBound]
        }
        if formats.contains(.markdown) {
            let charts = reports.appendingPathComponent("charts")
            if FileManager.default.fileExists(atPath: charts.path) {
                try FileManager.default.createDirectory(
                    at: scratch.appendingPathComponent("charts"), withIntermediateDirectories: false)
                for name in try FileManager.default.contentsOfDirectory(atPath: charts.path) {
                    _ = try keep("charts/\(name)")
                }
            }
            let markdown = try keep("report.md")
            let number = SeedAggregate.format(header.timings.totalSeconds)
            guard let range = markdown.range(of: Data("\(number) s wall time.".utf8)) else {
                throw Damage("report.md does not state the run's wall time")
            }
            manifest.wallTimeBytes = [range.lowerBound, range.lowerBound + number.utf8.count]
        }
        if formats.contains(.xlsx) {
            manifest.workbookCreated = try Self.storeWorkbook(
                run.results, header: header, at: scratch.appendingPathComponent("report.xlsx"))
            files["report.xlsx"] = try ContentDigest.sha256(ofFile: scratch.appendingPathComponent("report.xlsx"))
        }
        manifest.files = files
        let payload = try Self.sortedEncoder().encode(manifest)
        let head = try JSONEncoder().encode(Head(key: key, sha256: ContentDigest.sha256(payload)))
        try (head + Data([0x0A]) + payload).write(to: scratch.appendingPathComponent("entry.json"))
        for earlier in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        where earlier.hasPrefix(prefix) && earlier != scratch.lastPathComponent {
            try FileManager.default.removeItem(at: root.appendingPathComponent(earlier))
        }
        guard rename(scratch.path, directory.path) == 0 else {
            throw Damage("cannot move the entry into place (\(String(cString: strerror(errno))))")
        }
    }

    /// The folder in which `process` writes an entry of `suite` before moving it into place.
    /// Named like the suite's entries, so that the scratch of a store that crashed (hard
    /// links to hundreds of megabytes) goes with them when the suite's next entry replaces
    /// them.
    static func scratchName(suite: String, process: Int32) -> String {
        "\(prefix(of: suite)).writing-\(process)"
    }

    /// Renders the workbook of a cached re-run of `results` (placeholders for its start and
    /// wall time, every cell cached) at `url`; returns its creation time as its properties
    /// spell it.
    private static func storeWorkbook(_ results: ResultSet, header: ResultHeader, at url: URL) throws -> String {
        var results = results
        results.header = header
        results.header.timings.started = startedPlaceholder
        results.header.timings.totalSeconds = secondsPlaceholder
        results.header.timings.cells = header.timings.cells.map { cell in
            var cell = cell
            cell.cached = true
            return cell
        }
        try XlsxReport(results).write(to: url.path)
        let archive = try ZipArchive(try Data(contentsOf: url), path: url.path)
        guard let (strings, properties) = textParts(of: archive),
            strings.components(separatedBy: text(startedPlaceholder)).count == 2,
            strings.components(separatedBy: text(SeedAggregate.format(secondsPlaceholder))).count == 2,
            let start = properties.range(of: "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"),
            let end = properties[start.upperBound...].range(of: "<")
        else { throw Damage("the workbook's placeholders are not where expected") }
        return String(properties[start.upperBound..<end.lowerBound])
    }

    // MARK: - Files

    /// The `per_user_sha256` that `results.json` records (its header is the only object
    /// with that key).
    private static func perUserDigest(in results: Data) -> String? {
        let marker = Data(#""per_user_sha256" : ""#.utf8)
        guard let found = results.range(of: marker), found.upperBound + 64 <= results.count else { return nil }
        return String(decoding: results[found.upperBound..<(found.upperBound + 64)], as: UTF8.self)
    }

    /// The bytes of `data` from `bounds[0]` to `bounds[1]`, as the manifest records them, or
    /// `nil` when they are not two offsets in order within it.
    private static func span(_ bounds: [Int]?, in data: Data) -> Range<Int>? {
        guard let bounds, bounds.count == 2, 0 <= bounds[0], bounds[0] <= bounds[1], bounds[1] <= data.count else {
            return nil
        }
        return bounds[0]..<bounds[1]
    }

    /// Hard-links `source` at `target`, or copies it where a link is impossible (another
    /// file system).
    private static func link(_ source: URL, to target: URL) throws {
        if Foundation.link(source.path, target.path) == 0 { return }
        try FileManager.default.copyItem(at: source, to: target)
    }
}
