/// A metric the toolkit reports: measured per user and averaged over users, or, for the
/// list-level metrics, computed once over all users' lists.
///
/// Scenario files, `metarec evaluate --metrics` and results name metrics as written in
/// ``description`` (`ndcg@10`, `recall@20`, `mrr`, `gini@10`); ``init(_:)`` parses those
/// names and ``catalog`` lists every family. A cut-off `k` is always positive.
public enum Metric: Hashable, Sendable, CustomStringConvertible {
    // MARK: - Ranking accuracy (per user, needs relevance)

    /// nDCG@k (Järvelin & Kekäläinen 2002) with the chosen gain: `ndcg@k` is the
    /// exponential gain 2^rel − 1 (Burges et al. 2005; `ndcg_exp@k` is accepted as an
    /// alias), `ndcg_lin@k` the linear gain rel. With binary relevance both coincide.
    case ndcg(k: Int, gain: RelevanceGain = .exponential)
    /// Hit rate `hr@k`: 1 when at least one relevant item is in the top k, else 0.
    case hitRate(k: Int)
    /// `precision@k`: relevant items in the top k, divided by k.
    case precision(k: Int)
    /// `recall@k`: relevant items in the top k, divided by the user's relevant items.
    case recall(k: Int)
    /// Reciprocal rank of the first relevant item (Voorhees 1999): `mrr` over the whole
    /// ranking, `mrr@k` counting 0 when it is below position k.
    case reciprocalRank(k: Int?)
    /// `map@k`: average precision at the relevant positions within the top k, divided
    /// by min(relevant, k) so that a perfect ranking scores 1.
    case averagePrecision(k: Int)
    /// `auc`: share of (relevant, non-relevant) pairs ranked in the right order over the
    /// whole ranking; tied scores count one half (Mann–Whitney U).
    case auc

    // MARK: - Rating accuracy (per user, needs rating feedback)

    /// `mae`: mean absolute error of predicted ratings on the user's query set.
    case mae
    /// `rmse`: root mean squared error of predicted ratings on the user's query set
    /// (computed per user, then averaged over users).
    case rmse

    // MARK: - Beyond accuracy

    /// `novelty@k` (per user): mean self-information −log2 p(i) of the top-k items, with
    /// p(i) the Laplace-smoothed share of training users who interacted with i
    /// (Zhou et al. 2010).
    case novelty(k: Int)
    /// `ild@k` (per user): intra-list diversity, the mean cosine distance between the
    /// item-feature vectors of all pairs in the top k (Ziegler et al. 2005).
    case intraListDiversity(k: Int)
    /// `coverage@k` (list level): share of the catalog that appears in at least one
    /// user's top k (Ge et al. 2010).
    case coverage(k: Int)
    /// `gini@k` (list level): Gini index of how often each catalog item appears in the
    /// users' top-k lists; 0 is equal exposure, 1 all exposure on one item.
    case gini(k: Int)
    /// `personalization@k` (list level): 1 − the mean cosine similarity between the
    /// top-k lists of all pairs of users.
    case personalization(k: Int)

    // MARK: - Oracle-relative (per user, simulated worlds only)

    /// `oracle_ndcg@k`: nDCG of the top k with the oracle's utility (shifted so the
    /// user's worst candidate is worth 0) as gain, against the oracle's own top k.
    case oracleNDCG(k: Int)
    /// `oracle_share@k`: the top k's share of the utility of the oracle's top k, with
    /// utilities shifted so the user's worst candidate is worth 0.
    case oracleShare(k: Int)
    /// `regret@k`: utility of the oracle's top k minus that of the model's top k, in the
    /// oracle's utility units.
    case regret(k: Int)

    // MARK: - Model size

    /// `adapted_parameters`: the number of scalars a model changes per user (Houlsby et al.
    /// 2019 report adapters' cost this way), reported beside its accuracy for every model
    /// that adapts parameters (meta-learners, fine-tuned networks), once per K; a property
    /// of the fitted model, not a per-user figure. Fewer is better.
    case adaptedParameters

    // MARK: - Cost of adapting (once per fitted model and K)

    /// `fit_seconds`: wall time of the model's fit on the meta-train users, in seconds.
    /// Measured, so it varies between runs (see ``isMeasured``).
    case fitSeconds
    /// `adapt_ms_p50` and `adapt_ms_p95`: the median and 95th percentile over evaluated users
    /// of the wall time of one user's adaptation (`adapt` with K support interactions), in
    /// milliseconds; an adaptation that serves several users' evaluations (the cold-start
    /// protocol's, see ``ColdStartProtocol``) is timed once and counts for each. Measured.
    case adaptationLatency(percentile: Int)
    /// `score_ms_p50` and `score_ms_p95`: the median and 95th percentile over evaluated users
    /// of the wall time the adapted model takes to score the whole catalog (less the user's
    /// consumed items), in milliseconds. Measured.
    case scoringLatency(percentile: Int)
    /// `user_state_bytes`: the mean over evaluated users of the bytes an adapted user holds
    /// beyond the shared model (adapted parameters, latent vector, posterior, score caches).
    case userStateBytes
    /// `model_bytes`: the bytes of the fitted model every user shares (weights, factors,
    /// counts, similarity lists).
    case modelBytes

    /// The percentiles the latency metrics are reported at.
    public static let latencyPercentiles = [50, 95]

    // MARK: - Properties

    /// The metric's name as written in scenario files and results.
    public var description: String {
        switch self {
        case let .ndcg(k, gain): return gain == .exponential ? "ndcg@\(k)" : "ndcg_lin@\(k)"
        case let .hitRate(k): return "hr@\(k)"
        case let .precision(k): return "precision@\(k)"
        case let .recall(k): return "recall@\(k)"
        case let .reciprocalRank(k): return k.map { "mrr@\($0)" } ?? "mrr"
        case let .averagePrecision(k): return "map@\(k)"
        case .auc: return "auc"
        case .mae: return "mae"
        case .rmse: return "rmse"
        case let .novelty(k): return "novelty@\(k)"
        case let .intraListDiversity(k): return "ild@\(k)"
        case let .coverage(k): return "coverage@\(k)"
        case let .gini(k): return "gini@\(k)"
        case let .personalization(k): return "personalization@\(k)"
        case let .oracleNDCG(k): return "oracle_ndcg@\(k)"
        case let .oracleShare(k): return "oracle_share@\(k)"
        case let .regret(k): return "regret@\(k)"
        case .adaptedParameters: return "adapted_parameters"
        case .fitSeconds: return "fit_seconds"
        case let .adaptationLatency(percentile): return "adapt_ms_p\(percentile)"
        case let .scoringLatency(percentile): return "score_ms_p\(percentile)"
        case .userStateBytes: return "user_state_bytes"
        case .modelBytes: return "model_bytes"
        }
    }

    /// What the metric needs and how it is aggregated.
    public var family: MetricFamily {
        switch self {
        case .ndcg, .hitRate, .precision, .recall, .reciprocalRank, .averagePrecision, .auc: return .rankingAccuracy
        case .mae, .rmse: return .ratingAccuracy
        case .novelty, .intraListDiversity: return .beyondAccuracy
        case .coverage, .gini, .personalization: return .listLevel
        case .oracleNDCG, .oracleShare, .regret: return .oracleRelative
        case .adaptedParameters: return .modelSize
        case .fitSeconds, .adaptationLatency, .scoringLatency, .userStateBytes, .modelBytes: return .cost
        }
    }

    /// The cut-off k, when the metric has one.
    public var cutoff: Int? {
        switch self {
        case let .ndcg(k, _), let .hitRate(k), let .precision(k), let .recall(k), let .averagePrecision(k),
            let .novelty(k), let .intraListDiversity(k), let .coverage(k), let .gini(k), let .personalization(k),
            let .oracleNDCG(k), let .oracleShare(k), let .regret(k):
            return k
        case let .reciprocalRank(k): return k
        case .auc, .mae, .rmse, .adaptedParameters, .fitSeconds, .adaptationLatency, .scoringLatency, .userStateBytes,
            .modelBytes:
            return nil
        }
    }

    /// Whether a larger value is an improvement (false for errors, exposure inequality,
    /// regret, adapted parameters and every cost).
    public var higherIsBetter: Bool {
        switch self {
        case .mae, .rmse, .gini, .regret, .adaptedParameters: return false
        default: return family != .cost
        }
    }

    /// Whether the value is a wall-clock measurement (fit time, adaptation and scoring
    /// latency), which varies between runs and machines: reports show it, determinism
    /// checks and the regression gate leave it out unless a tolerance names it.
    public var isMeasured: Bool {
        switch self {
        case .fitSeconds, .adaptationLatency, .scoringLatency: return true
        default: return false
        }
    }

    /// Whether the metric scores a ranking (rather than rating predictions).
    public var isRanking: Bool { family != .ratingAccuracy }

    /// Whether the metric has one value per user (all but the list-level metrics, the
    /// model's size and its cost), so that it can be averaged, bootstrapped and compared
    /// with paired tests.
    public var isPerUser: Bool { family != .listLevel && family != .modelSize && family != .cost }
}

/// What a metric needs and how it is aggregated over users.
public enum MetricFamily: String, Hashable, Sendable, CaseIterable {
    /// Per user, from the ranks of the user's relevant items.
    case rankingAccuracy = "ranking"
    /// Per user, from predicted against observed ratings.
    case ratingAccuracy = "rating"
    /// Per user, from the top list alone (item popularity or features).
    case beyondAccuracy = "beyond-accuracy"
    /// Once over all users' top lists.
    case listLevel = "list-level"
    /// Per user, from the top list and the oracle's utilities.
    case oracleRelative = "oracle"
    /// Once per fitted model, from its parameters.
    case modelSize = "model-size"
    /// Once per fitted model and K: what fitting, adapting and serving cost in time and memory.
    case cost
}
