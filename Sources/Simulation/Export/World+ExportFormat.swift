import Foundation

extension World {
    /// Writes the world in `format` into `directory` — the format's files, then
    /// `shift_events.csv` and `summary.json` — and returns them, in that order.
    /// - Parameters:
    ///   - format: the file format to write.
    ///   - name: the dataset's name in RecBole file names.
    ///   - directory: the folder to write into.
    public func export(_ format: WorldExportFormat, name: String, to directory: URL) throws -> [URL] {
        var files = [URL]()
        switch format {
        case .recbole: files += try writeRecBole(to: directory, name: name)
        case .csv: files += try writeCSV(to: directory)
        case .summary: break
        }
        files.append(try writeShiftEvents(to: directory))
        files.append(try writeSummary(to: directory))
        return files
    }

    /// Writes ``summary()`` as `summary.json` (pretty, sorted, snake-case keys) into
    /// `directory`.
    @discardableResult
    public func writeSummary(to directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("summary.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(summary()).write(to: url)
        return url
    }
}
