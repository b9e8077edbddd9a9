import Foundation

/// The whitespace-separated fields of the non-blank lines of a TREC file, with line numbers.
enum TRECLines {
    /// Reads `path` as UTF-8 text.
    static func read(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw DataImportError(file: path, message: "no such file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataImportError(file: path, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataImportError(file: path, message: "the file is not UTF-8 text")
        }
        return text
    }

    /// Each non-blank line's one-based number and fields.
    static func fields(of text: String) -> [(line: Int, fields: [Substring])] {
        var result = [(line: Int, fields: [Substring])]()
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if !fields.isEmpty { result.append((number, fields)) }
        }
        return result
    }
}
