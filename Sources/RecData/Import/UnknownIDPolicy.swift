/// What an importer does with an interaction naming a user or item that its user or item
/// table does not list (`dataset.unknown_ids` in scenario files).
public enum UnknownIDPolicy: String, CaseIterable, Hashable, Sendable {
    /// Drop the interaction and count it (``ImportedDataset/skippedInteractions``).
    case skip
    /// Stop with a ``DataImportError`` naming the file, line and field.
    case fail
}
