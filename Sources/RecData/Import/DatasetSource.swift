import Foundation

/// The file formats a scenario's `dataset.format` may name.
public enum DatasetFormat: String, CaseIterable, Hashable, Sendable {
    /// RecBole atomic files (``RecBoleImporter``).
    case recbole
    /// GroupLens' raw MovieLens 100K files (``MovieLens100K``).
    case movielens100K = "movielens-100k"
    /// GroupLens' raw MovieLens 1M files (``MovieLens1M``).
    case movielens1M = "movielens-1m"
}

/// A real dataset on disk, as a scenario's `dataset:` names it: where its files are, how to
/// read them, and which users to keep.
public struct DatasetSource: Hashable, Sendable {
    /// The users MeLU keeps: those with 13 to 100 interactions (Lee et al., "MeLU:
    /// Meta-Learned User Preference Estimator for Cold-Start Recommendation", KDD 2019,
    /// §4.1; RecBole-MetaRec's `user_inter_num_interval: [13,100]`).
    public static let melUActivity = 13...100

    /// The files' format.
    public var format: DatasetFormat
    /// The folder holding the files.
    public var directory: URL
    /// The RecBole files' stem (`ml-100k` for `ml-100k.inter`); the MovieLens formats
    /// name their dataset themselves.
    public var name: String
    /// RecBole field roles.
    public var roles = RecBoleFieldRoles()
    /// What to do with interactions naming ids the tables lack.
    public var unknownIDs = UnknownIDPolicy.fail
    /// The users kept: those whose number of interactions lies in this range; `nil` keeps all.
    public var activity: ClosedRange<Int>? = Self.melUActivity

    /// A source of `format` files in `directory`.
    public init(format: DatasetFormat, directory: URL, name: String) {
        self.format = format
        self.directory = directory
        self.name = name
    }

    /// The files the import reads (for RecBole, the optional tables only when present).
    public var files: [String] {
        switch format {
        case .recbole: return RecBoleImporter(directory: directory, name: name).files
        case .movielens100K: return MovieLens100K(directory: directory).files
        case .movielens1M: return MovieLens1M(directory: directory).files
        }
    }

    /// The files' sizes and modification times, `path size mtime` per line: what the
    /// result cache keys on (cheap to compute, and it changes whenever a file is rewritten;
    /// a file edited back to the same size within the same second would go unnoticed).
    public func fingerprint() -> String {
        files.map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = attributes?[.size] as? Int ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            return "\(path) \(size) \(modified)"
        }.joined(separator: "\n")
    }

    /// The files' total size in bytes (0 for files that cannot be read).
    public var fileBytes: Int {
        files.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
    }

    /// Reads the files and keeps the users of ``activity``.
    /// - Throws: ``DataImportError`` naming the file, line and field of the first fault.
    public func load() throws -> ImportedDataset {
        let imported: ImportedDataset
        switch format {
        case .recbole:
            imported = try RecBoleImporter(directory: directory, name: name, roles: roles, unknownIDs: unknownIDs)
                .load()
        case .movielens100K: imported = try MovieLens100K(directory: directory, unknownIDs: unknownIDs).load()
        case .movielens1M: imported = try MovieLens1M(directory: directory, unknownIDs: unknownIDs).load()
        }
        return activity.map { imported.keepingUsers(withActivity: $0) } ?? imported
    }
}
