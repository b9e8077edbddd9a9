import Foundation

/// A raw MovieLens release from GroupLens: a ratings file, a users table and an items
/// table in one folder, read the same way whatever the release's separators and columns.
///
/// Feedback is rated, on 1…5. Users and items are numbered in table order.
public protocol MovieLensRelease: Sendable {
    /// The folder holding the files.
    var directory: URL { get }
    /// What to do with ratings naming ids the tables lack.
    var unknownIDs: UnknownIDPolicy { get }
    /// The release's file names: ratings, users, items.
    static var fileNames: [String] { get }
    /// The dataset's name in reports (`ml-100k`).
    static var datasetName: String { get }
    /// The bytes between a ratings line's cells.
    static var ratingSeparator: [UInt8] { get }
    /// The users table and the index of its ids.
    static func users(_ file: TextFile) throws -> (FeatureTable, IDIndex)
    /// The items table and the index of its ids.
    static func items(_ file: TextFile) throws -> (FeatureTable, IDIndex)
}

extension MovieLensRelease {
    /// The three files' paths: ratings, users, items.
    public var files: [String] {
        Self.fileNames.map { directory.appendingPathComponent($0).path }
    }

    /// Reads the files as a dataset named ``datasetName``. The files are ISO-8859-1
    /// (Latin-1), so they are read as bytes, without UTF-8 validation.
    /// - Throws: ``DataImportError`` naming the file, line and field of the first fault.
    public func load() throws -> ImportedDataset {
        let paths = files
        let (users, userIndex) = try Self.users(try TextFile.read(paths[1]))
        let (items, itemIndex) = try Self.items(try TextFile.read(paths[2]))
        var collector = try InteractionCollector.reading(
            paths[0], users: userIndex, items: itemIndex, policy: unknownIDs, validatingUTF8: false
        ) {
            try MovieLensFeatures.readRatings($0, separator: Self.ratingSeparator, into: &$1)
        }
        return collector.dataset(
            name: Self.datasetName, users: users, items: items, feedback: .rating(minimum: 1, maximum: 5))
    }
}
