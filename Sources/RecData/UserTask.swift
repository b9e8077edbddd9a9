/// One user's few-shot learning task: what the model sees (support) and what it is scored on (query).
///
/// Named `UserTask` rather than the design's `Task` so that it never shadows Swift's
/// concurrency `Task` in modules that import `RecData`.
public struct UserTask: Hashable, Sendable {
    /// The user the task belongs to.
    public let user: UserID
    /// The K interactions the model may learn from.
    public let support: [Interaction]
    /// The held-out interactions the model is evaluated on.
    public let query: [Interaction]

    /// Creates a task.
    public init(user: UserID, support: [Interaction], query: [Interaction]) {
        self.user = user
        self.support = support
        self.query = query
    }
}
