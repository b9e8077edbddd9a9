/// One task of a meta-learned two-tower model: the user's own inputs, a support set of
/// items to adapt the user's state on and a query set of items to judge it on.
public struct TwoTowerTask: Sendable {
    /// The user tower's inputs: one row of the user's fields (no columns when users have
    /// no features).
    public var user: FeatureBatch
    /// The item tower's inputs for the support items (zero rows for a zero-shot task).
    public var support: FeatureBatch
    /// The support set's loss and targets.
    public var supportObjective: Objective
    /// The item tower's inputs for the query items.
    public var query: FeatureBatch
    /// The query set's loss and targets.
    public var queryObjective: Objective

    /// Creates a task.
    public init(
        user: FeatureBatch, support: FeatureBatch, supportObjective: Objective, query: FeatureBatch,
        queryObjective: Objective
    ) {
        self.user = user
        self.support = support
        self.supportObjective = supportObjective
        self.query = query
        self.queryObjective = queryObjective
    }
}
