import Foundation
import RecData

/// The whitespace-separated fields of the non-blank lines of a TREC file, with line numbers.
enum TRECLines {
    /// Reads `path` as UTF-8 text.
    /// - Throws: ``DataImportError`` for a missing, unreadable or empty file, or the first
    ///   line that is not UTF-8.
    static func read(_ path: String) throws -> String {
        let file = try TextFile.read(path)
        try file.validateUTF8()
        return String(decoding: file.bytes, as: UTF8.self)
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
