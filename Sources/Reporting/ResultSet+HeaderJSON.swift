import Foundation

// MARK: - The header's bytes in results.json

extension ResultSet {
    /// The bytes `header` takes in the `results.json` that ``jsonData()`` writes: its member
    /// `"header" : { … }`, indented as at the top level. A cached re-run splices its own
    /// header (its start, wall time and cached cells) into the stored file with them instead
    /// of encoding 30 MB of rows again.
    /// - Throws: an encoding error, or `ReportError.writeFailed` if the encoder's layout is
    ///   not the expected one.
    public static func headerJSON(_ header: ResultHeader) throws -> Data {
        struct Member: Encodable { let header: ResultHeader }
        let document = [UInt8](try jsonEncoder().encode(Member(header: header)))
        let opening = Array("{\n  ".utf8)
        let closing = Array("\n}".utf8)
        guard document.count > opening.count + closing.count, document.starts(with: opening),
            Array(document.suffix(closing.count)) == closing
        else {
            throw ReportError.writeFailed(path: "results.json", reason: "unexpected layout of the encoded header")
        }
        return Data(document[opening.count..<(document.count - closing.count)])
    }
}
