import Foundation
import Reporting

/// A ZIP archive read from memory: its entry names from the central directory, and the
/// contents of stored or deflated entries (through `Reporting.ZipArchive`, which checks
/// each entry's CRC-32).
///
/// Enough to check that an XLSX file is a well-formed package holding the expected parts,
/// and to read the values of its cells back.
public struct ZipDirectory {
    private let archive: ZipArchive

    /// Entry names, in central-directory order.
    public var entries: [String] { archive.names }

    /// Reads the central directory of the archive in `data`; `nil` when it is not a ZIP file.
    public init?(_ data: Data) {
        guard let archive = try? ZipArchive(data, path: "archive") else { return nil }
        self.archive = archive
    }

    /// The contents of the entry `name` as text, or `nil` when it is absent or unreadable.
    public func text(of name: String) -> String? {
        archive.contents(of: name).map { String(decoding: $0, as: UTF8.self) }
    }
}
