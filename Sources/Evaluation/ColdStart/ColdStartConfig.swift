/// How a test user's support set is chosen from their history.
public enum SupportOrder: String, CaseIterable, Hashable, Sendable {
    /// The first K interactions in time; the query set is what follows.
    case chronological
    /// K interactions drawn at random (seeded per user); the query set is the rest.
    case random
}

/// Settings of the cold-start protocol.
///
/// Defaults follow common few-shot recommendation practice (MeLU, Lee et al. KDD 2019,
/// evaluates users with few interactions; the K sweep shows how quickly a model adapts).
public struct ColdStartConfig: Hashable, Sendable {
    /// The K-shot sweep: support-set sizes to evaluate (`protocol.shots`).
    public var shots: [Int] = [0, 1, 3, 5, 10]
    /// User shares for meta-train, validation and test (`protocol.split`).
    public var split = SplitFractions(train: 0.7, validation: 0.1, test: 0.2)
    /// How support sets are chosen (`protocol.support`).
    public var supportOrder: SupportOrder = .chronological
    /// Fewest query interactions an evaluated user must have beyond the largest K
    /// (`protocol.min_query`); users with fewer are not evaluated, so every K is measured
    /// on the same users.
    public var minimumQuery: Int = 5
    /// A query interaction counts as relevant when its value is at least this
    /// (`protocol.relevance_threshold`); implicit feedback is always relevant.
    public var relevanceThreshold: Float = 4
    /// How relevant interactions are graded for nDCG (`protocol.relevance`).
    public var relevance: RelevanceGrading = .binary
    /// Sampled rankings reported beside the full-catalog one, each under its own protocol
    /// name (`protocol.sampled_ranking`); none by default.
    public var sampledRankings: [SampledRanking] = []
    /// User features to break results down by, besides `all`; `activity` names the
    /// activity band, `archetype` the dominant hidden archetype of simulated worlds
    /// (`protocol.segments`).
    public var segments: [String] = []
    /// MeLU's four partitions, measured beside the plain protocol under their own protocol
    /// names (`protocol.partitions`); off by default.
    public var partitions: PartitionConfig?
    /// Bootstrap resamples for confidence intervals (`protocol.bootstrap_resamples`).
    public var bootstrapResamples: Int = 1000
    /// Whether to also measure each fitted model on the validation users at the largest K
    /// (segment ``ColdStartProtocol/validationSegment``), the figures a suite chooses its
    /// reference model on; scenario files always turn it on.
    public var measuresValidation = false
    /// Whether to report each model's cost of adapting at every K (`AdaptationCost`:
    /// fit time, adaptation and scoring latency, bytes); scenario files always turn it on.
    public var measuresCost = false

    /// Creates the default settings.
    public init() {}
}
