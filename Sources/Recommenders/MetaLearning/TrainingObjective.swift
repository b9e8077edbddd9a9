/// What a neural model is trained for (scenario parameter `objective`).
public enum TrainingObjective: String, CaseIterable, Hashable, Sendable {
    /// Squared error of predicted ratings on consumed items (ratings only).
    case mse
    /// Binary cross-entropy: positives against sampled negatives.
    case bce
    /// Bayesian personalized ranking (Rendle et al., UAI 2009): each positive above each of
    /// its sampled negatives.
    case bpr
    /// Sampled softmax over the catalogue with the log-Q correction for the sampler (Jean et
    /// al., ACL 2015; Yi et al., RecSys 2019).
    case softmax
    /// A rating head (squared error) and a relevance head (binary cross-entropy) trained
    /// together, weighted by `ranking_weight`: ratings from the first, rankings from the
    /// second (ratings only).
    case joint

    /// Whether the objective needs rated interactions.
    public var needsRatings: Bool { self == .mse || self == .joint }

    /// Whether the model's scores rank by predicted relevance rather than by predicted rating.
    public var ranks: Bool { self != .mse }

    /// The objective `auto` stands for: a ranking objective (BPR) when the scenario measures
    /// rankings only, squared error when it measures ratings only, the joint objective when
    /// it measures both; on data without ratings, always BPR.
    public static func automatic(measuresRanking: Bool, measuresRatings: Bool, hasRatings: Bool) -> TrainingObjective {
        guard hasRatings, measuresRatings else { return .bpr }
        return measuresRanking ? .joint : .mse
    }

    /// The `objective` parameter's accepted words.
    public static let names = ["auto"] + allCases.map(\.rawValue)
}

/// Which consumed items are positives for a ranking objective (scenario parameter `positives`).
public enum PositiveRule: String, CaseIterable, Hashable, Sendable {
    /// Every consumed item.
    case all
    /// Items rated at least three quarters up the rating scale (4 on 1–5, the cold-start
    /// protocol's default relevance threshold); the others are known negatives.
    case threshold
}

/// How negatives are drawn for a ranking objective (scenario parameter `sampler`).
public enum NegativeSampler: String, CaseIterable, Hashable, Sendable {
    /// Uniformly over the catalogue.
    case uniform
    /// In proportion to the item's meta-train interaction count to the power 0.75 (Mikolov
    /// et al., NeurIPS 2013).
    case popularity
}

/// The training objective of a neural model and how its examples are built.
public struct ObjectiveSettings: Hashable, Sendable {
    /// The outer (query, or whole-history) objective.
    public var objective: TrainingObjective = .mse
    /// The inner-loop (support) objective; `nil`: the outer one.
    public var innerObjective: TrainingObjective?
    /// Which consumed items are positives.
    public var positives: PositiveRule = .all
    /// Sampled negatives per positive.
    public var negatives = 4
    /// How negatives are drawn.
    public var sampler: NegativeSampler = .uniform
    /// The relevance head's weight in the joint objective, in `[0, 1]`.
    public var rankingWeight: Float = 0.5
    /// Whether `objective` is still to be chosen from the data (`objective: auto` given
    /// to a model outside a scenario, which decides it from the scenario's metrics).
    public var automatic = false

    /// Creates the defaults.
    public init() {}

    /// The settings for data with or without ratings: an automatic objective is the joint
    /// one on rated data and BPR otherwise; an objective needing ratings on data without
    /// them becomes binary cross-entropy.
    public func resolved(hasRatings: Bool) -> ObjectiveSettings {
        var result = self
        if automatic {
            result.objective = .automatic(measuresRanking: true, measuresRatings: true, hasRatings: hasRatings)
            result.automatic = false
        }
        if !hasRatings {
            if result.objective.needsRatings { result.objective = .bce }
            if let inner = result.innerObjective, inner.needsRatings { result.innerObjective = .bce }
        }
        return result
    }

    /// The support objective.
    public var support: TrainingObjective { innerObjective ?? objective }

    /// The network's outputs per row: 2 when either objective is joint.
    public var outputWidth: Int { objective == .joint || support == .joint ? 2 : 1 }
}
