/// The kind of one observable feature of users or items.
public enum FeatureKind: Hashable, Sendable, Codable {
    /// One value out of `cardinality` categories (an age band, a category).
    case categorical(cardinality: Int)
    /// Any number of values out of `cardinality` categories (genres).
    case multiValued(cardinality: Int)
    /// One real number (a price).
    case numeric
    /// A dense vector of `dimension` reals (a content embedding).
    case dense(dimension: Int)
}

/// A named feature and its kind.
public struct FeatureField: Hashable, Sendable, Codable {
    /// The feature's name, as scenario files and exports spell it.
    public let name: String
    /// What values it takes.
    public let kind: FeatureKind

    /// Creates a field.
    public init(name: String, kind: FeatureKind) {
        self.name = name
        self.kind = kind
    }
}
