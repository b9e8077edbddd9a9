import RecData

/// What a recommender may learn from: the dataset's features and the full histories of
/// the meta-train users, and nothing of any other user.
public struct TrainingSet: Sendable {
    /// The dataset's user and item features, and its feedback kind.
    public let dataset: Dataset
    /// The meta-train users.
    public let users: [UserID]
    /// Each meta-train user's history in time order, aligned with ``users``.
    public let histories: [[Interaction]]
    /// Whether the protocol's support sets are a user's first interactions in time order
    /// (then training tasks keep time order too) rather than random ones.
    public var chronologicalSupport = false

    /// Creates a training set.
    public init(dataset: Dataset, users: [UserID], histories: [[Interaction]]) {
        precondition(users.count == histories.count, "one history per user")
        self.dataset = dataset
        self.users = users
        self.histories = histories
    }

    /// All training interactions, user after user.
    public var interactions: FlattenSequence<[[Interaction]]> { histories.joined() }
}
