import RecData

/// A generated world: the observable dataset, and the oracle that knows the truth behind it.
public struct World: Sendable {
    /// Which family generated it.
    public let family: WorldFamily
    /// Users, items, features and the logged interactions.
    public let dataset: Dataset
    /// The hidden truth behind the dataset.
    public let oracle: Oracle

    /// Creates a world.
    public init(family: WorldFamily, dataset: Dataset, oracle: Oracle) {
        self.family = family
        self.dataset = dataset
        self.oracle = oracle
    }
}
