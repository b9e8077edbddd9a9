import Foundation

// MARK: - Names

extension Metric {
    /// Parses a metric name such as `ndcg@10`, `mrr` or `coverage@20` (case-insensitive);
    /// `nil` when it is not one. `ndcg_exp@k` is read as `ndcg@k`.
    public init?(_ text: String) {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        let family = String(parts[0])
        if parts.count == 1 {
            switch family {
            case "mrr": self = .reciprocalRank(k: nil)
            case "auc": self = .auc
            case "mae": self = .mae
            case "rmse": self = .rmse
            case "adapted_parameters": self = .adaptedParameters
            case "fit_seconds": self = .fitSeconds
            case "user_state_bytes": self = .userStateBytes
            case "model_bytes": self = .modelBytes
            default:
                guard let latency = Self.latency(family) else { return nil }
                self = latency
            }
            return
        }
        guard parts.count == 2, let k = Int(parts[1]), k > 0, let make = Self.cutoffFamilies[family] else { return nil }
        self = make(k)
    }

    /// `adapt_ms_p50`, `score_ms_p95`: a latency at one of ``latencyPercentiles``.
    private static func latency(_ name: String) -> Metric? {
        for percentile in latencyPercentiles {
            if name == "adapt_ms_p\(percentile)" { return .adaptationLatency(percentile: percentile) }
            if name == "score_ms_p\(percentile)" { return .scoringLatency(percentile: percentile) }
        }
        return nil
    }

    /// Families written `name@k`, by name.
    private static let cutoffFamilies: [String: @Sendable (Int) -> Metric] = [
        "ndcg": { .ndcg(k: $0, gain: .exponential) },
        "ndcg_exp": { .ndcg(k: $0, gain: .exponential) },
        "ndcg_lin": { .ndcg(k: $0, gain: .linear) },
        "hr": { .hitRate(k: $0) },
        "precision": { .precision(k: $0) },
        "recall": { .recall(k: $0) },
        "mrr": { .reciprocalRank(k: $0) },
        "map": { .averagePrecision(k: $0) },
        "novelty": { .novelty(k: $0) },
        "ild": { .intraListDiversity(k: $0) },
        "coverage": { .coverage(k: $0) },
        "gini": { .gini(k: $0) },
        "personalization": { .personalization(k: $0) },
        "oracle_ndcg": { .oracleNDCG(k: $0) },
        "oracle_share": { .oracleShare(k: $0) },
        "regret": { .regret(k: $0) },
    ]

    /// Every metric name with the cut-off `k` filled in, for "did you mean" suggestions.
    public static func names(cutoff k: Int) -> [String] {
        catalog.map { $0.pattern.replacingOccurrences(of: "@k", with: "@\(k)") }
    }

    // MARK: - Catalog

    /// The metric families, for listings and suggestions: a name pattern and a summary.
    public static let catalog: [(pattern: String, summary: String)] = [
        ("ndcg@k", "nDCG of the top k, exponential gain 2^rel - 1 (alias ndcg_exp@k; Jarvelin & Kekalainen 2002)"),
        ("ndcg_lin@k", "nDCG of the top k, linear gain rel"),
        ("hr@k", "hit rate: 1 when a relevant item is in the top k"),
        ("precision@k", "relevant items in the top k, divided by k"),
        ("recall@k", "relevant items in the top k, divided by the user's relevant items"),
        ("mrr", "reciprocal rank of the first relevant item over the whole ranking"),
        ("mrr@k", "reciprocal rank of the first relevant item, 0 below position k"),
        ("map@k", "average precision within the top k, normalized by min(relevant, k)"),
        ("auc", "share of relevant/non-relevant pairs ranked right; ties count 1/2"),
        ("mae", "mean absolute error of predicted ratings (rating feedback only)"),
        ("rmse", "root mean squared error of predicted ratings, per user, averaged"),
        ("novelty@k", "mean self-information -log2 p(i) of the top k, p from training users"),
        ("ild@k", "intra-list diversity: mean cosine distance of item features in the top k"),
        ("coverage@k", "list level: share of the catalog in at least one user's top k"),
        ("gini@k", "list level: Gini index of item exposure in the top-k lists (0 = equal)"),
        ("personalization@k", "list level: 1 - mean cosine similarity between users' top-k lists"),
        ("oracle_ndcg@k", "nDCG of the top k with the oracle's utility as gain (simulated worlds)"),
        ("oracle_share@k", "share of the oracle top k's utility that the top k achieves (simulated worlds)"),
        ("regret@k", "oracle top k's utility minus the top k's utility (simulated worlds)"),
        ("adapted_parameters", "scalars a model adapts per user; reported for every model that adapts parameters"),
        ("fit_seconds", "cost, measured: wall time of the fit on the meta-train users, seconds"),
        ("adapt_ms_p50", "cost, measured: median over users of one user's adaptation time, ms"),
        ("adapt_ms_p95", "cost, measured: 95th percentile over users of one user's adaptation time, ms"),
        ("score_ms_p50", "cost, measured: median over users of the time to score the whole catalog, ms"),
        ("score_ms_p95", "cost, measured: 95th percentile over users of the time to score the whole catalog, ms"),
        ("user_state_bytes", "cost: mean bytes an adapted user holds beyond the shared model"),
        ("model_bytes", "cost: bytes of the fitted model every user shares"),
    ]
}
