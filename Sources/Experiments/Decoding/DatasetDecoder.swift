import Foundation
import RecData
import Recommenders

/// Decodes a scenario's `dataset:` section (``ScenarioSchema/datasetKeys``) into a ``DatasetSource`` and reads the dataset
/// once, so that a bad data file is an error at validation (exit 2) naming that file, its
/// line and field.
struct DatasetDecoder {
    /// The decoded source and the note reports print about it.
    struct Decoded {
        let source: DatasetSource
        let summary: String
        /// Whether the dataset's interactions carry ratings.
        var hasRatings = true
    }

    func decode(_ node: SpecNode) throws -> Decoded {
        let section = try node.mapping(allowed: ScenarioSchema.datasetKeys.names)
        let formatNode = try section.required("format")
        guard let format = DatasetFormat(rawValue: try formatNode.choice(DatasetFormat.allCases.map(\.rawValue))) else {
            throw formatNode.error("unknown format")
        }
        let pathNode = try section.required("path")
        let relative = try pathNode.string()
        let scenarioDirectory = URL(fileURLWithPath: node.file).deletingLastPathComponent()
        let directory =
            relative.hasPrefix("/")
            ? URL(fileURLWithPath: relative) : scenarioDirectory.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw pathNode.error(
                "'\(relative)' is not a folder (looked for \(directory.path)); path names the folder holding the dataset's files"
            )
        }
        var source = DatasetSource(format: format, directory: directory, name: try name(section, format: format))
        if let fields = section["fields"] {
            guard format == .recbole else {
                throw fields.error("fields apply to RecBole files only; \(format.rawValue) has fixed fields")
            }
            source.roles = try decodeRoles(fields)
        }
        if let policy = section["unknown_ids"] {
            source.unknownIDs =
                UnknownIDPolicy(rawValue: try policy.choice(UnknownIDPolicy.allCases.map(\.rawValue))) ?? .fail
        }
        source.activity = try decodeActivity(section)
        let imported: ImportedDataset
        do {
            imported = try source.load()
        } catch let error as DataImportError {
            throw InputError(
                file: error.file, line: error.line, field: error.field,
                message: "\(error.message) (dataset of \(node.file))")
        }
        guard imported.dataset.userCount > 0, !imported.dataset.interactions.isEmpty else {
            throw node.error(
                "no user is left with \(source.activity.map { "\($0.lowerBound) to \($0.upperBound)" } ?? "any number of") interactions; widen min_interactions and max_interactions"
            )
        }
        return Decoded(
            source: source, summary: Self.summary(of: imported, source: source),
            hasRatings: imported.dataset.feedback.hasRatings)
    }

    private func name(_ section: SpecNode.Mapping, format: DatasetFormat) throws -> String {
        switch format {
        case .recbole:
            let node = try section.required("name")
            let name = try node.string()
            guard !name.isEmpty, !name.contains("/") else {
                throw node.error("a name is the files' stem, like ml-100k for ml-100k.inter")
            }
            return name
        case .movielens100K, .movielens1M:
            if let node = section["name"] {
                throw node.error("name applies to RecBole files only; \(format.rawValue) files have fixed names")
            }
            return format == .movielens100K ? "ml-100k" : "ml-1m"
        }
    }

    private func decodeRoles(_ node: SpecNode) throws -> RecBoleFieldRoles {
        let fields = try node.mapping(allowed: ScenarioSchema.datasetFieldKeys.names)
        var roles = RecBoleFieldRoles()
        if let value = fields["user"] { roles.user = try value.string() }
        if let value = fields["item"] { roles.item = try value.string() }
        if let value = fields["rating"] { roles.rating = try optionalField(value) }
        if let value = fields["timestamp"] { roles.timestamp = try optionalField(value) }
        return roles
    }

    /// A field name, or `none` for an absent role.
    private func optionalField(_ node: SpecNode) throws -> String? {
        let name = try node.string()
        guard !name.isEmpty else { throw node.error("give a field name, or none") }
        return name == "none" ? nil : name
    }

    private func decodeActivity(_ section: SpecNode.Mapping) throws -> ClosedRange<Int>? {
        let minimum =
            try section["min_interactions"]?.int(in: ScenarioSchema.minimumInteractions)
            ?? DatasetSource.melUActivity.lowerBound
        let maximumNode = section["max_interactions"]
        let maximum: Int
        if let maximumNode, (try? maximumNode.string()) == "none" {
            maximum = Int.max
        } else {
            maximum =
                try maximumNode?.int(in: ScenarioSchema.maximumInteractions) ?? DatasetSource.melUActivity.upperBound
        }
        guard minimum <= maximum else {
            throw (maximumNode ?? section.owner).error(
                "max_interactions \(maximum) is below min_interactions \(minimum)")
        }
        return minimum == 0 && maximum == Int.max ? nil : minimum...maximum
    }

    /// One line for the reports: what was read, what was dropped, that there is no oracle.
    static func summary(of imported: ImportedDataset, source: DatasetSource) -> String {
        let dataset = imported.dataset
        var parts = [
            "dataset \(dataset.name) (\(source.format.rawValue)): \(dataset.userCount) users, \(dataset.itemCount) items, \(dataset.interactions.count) interactions"
        ]
        if let activity = source.activity {
            let upper = activity.upperBound == Int.max ? "or more" : "to \(activity.upperBound)"
            parts.append(
                "users with \(activity.lowerBound) \(upper) interactions kept (\(imported.filteredUsers) users and \(imported.filteredInteractions) interactions dropped)"
            )
        }
        if imported.skippedInteractions > 0 || source.unknownIDs == .skip {
            parts.append("\(imported.skippedInteractions) interactions naming unknown users or items skipped")
        }
        parts += FeatureEncoder.identifierLikeFeatures(of: dataset).map {
            "feature \($0.feature) is identifier-like (\($0.singletons) of \($0.entities) hold a value of their own) and left out of the neural models' inputs"
        }
        return parts.joined(separator: "; ") + "."
    }
}
