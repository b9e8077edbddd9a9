/// One task of meta-learning: a support set to adapt on and a query set to be judged on,
/// each a batch of network inputs with its objective.
public struct MetaTask: Sendable {
    /// What the learner adapts on.
    public var support: FeatureBatch
    /// The support set's loss and targets.
    public var supportObjective: Objective
    /// What the adapted learner is judged on.
    public var query: FeatureBatch
    /// The query set's loss and targets.
    public var queryObjective: Objective

    /// Creates a task.
    public init(support: FeatureBatch, supportObjective: Objective, query: FeatureBatch, queryObjective: Objective) {
        self.support = support
        self.supportObjective = supportObjective
        self.query = query
        self.queryObjective = queryObjective
    }
}
