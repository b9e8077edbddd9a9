/// A model entry that is a variant of another of its scenario: the same registered model
/// with other settings (`meta_update: online`, `exploration: thompson`, `retrain_every: 2`),
/// so that reports can say what the change did.
public struct ModelVariant: Hashable, Sendable, Codable {
    /// The variant's label.
    public var model: String
    /// The label of the entry it varies: the first listed entry of the same registered model.
    public var base: String
    /// What differs, as the scenario file would write it (`meta_update: online, meta_steps: 2`).
    public var change: String

    /// Creates a variant.
    public init(model: String, base: String, change: String) {
        self.model = model
        self.base = base
        self.change = change
    }
}
