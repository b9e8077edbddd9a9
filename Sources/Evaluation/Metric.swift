/// A per-user accuracy metric, averaged over users.
///
/// Scenario files and results name metrics as `ndcg@10`, `hr@10`, `mae`, `rmse`.
public enum Metric: Hashable, Sendable, CustomStringConvertible {
    /// Normalized discounted cumulative gain of the top `k` (Järvelin & Kekäläinen 2002),
    /// binary relevance: DCG = Σ_{i≤k} rel_i / log2(i + 1), divided by the ideal DCG.
    case ndcg(k: Int)
    /// Hit rate: 1 when at least one relevant item is in the top `k`, else 0.
    case hitRate(k: Int)
    /// Mean absolute error of predicted ratings on the user's query set.
    case mae
    /// Root mean squared error of predicted ratings on the user's query set
    /// (computed per user, then averaged over users).
    case rmse

    /// The metric's name as written in scenario files and results.
    public var description: String {
        switch self {
        case let .ndcg(k): return "ndcg@\(k)"
        case let .hitRate(k): return "hr@\(k)"
        case .mae: return "mae"
        case .rmse: return "rmse"
        }
    }

    /// Whether a larger value is an improvement.
    public var higherIsBetter: Bool {
        switch self {
        case .ndcg, .hitRate: return true
        case .mae, .rmse: return false
        }
    }

    /// Whether the metric scores a ranking (rather than rating predictions).
    public var isRanking: Bool { higherIsBetter }

    /// Parses a metric name such as `ndcg@10`; `nil` when it is not one.
    public init?(_ text: String) {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        switch (parts.first.map(String.init), parts.count) {
        case ("mae", 1): self = .mae
        case ("rmse", 1): self = .rmse
        case let (family?, 2):
            guard let k = Int(parts[1]), k > 0 else { return nil }
            switch family {
            case "ndcg": self = .ndcg(k: k)
            case "hr": self = .hitRate(k: k)
            default: return nil
            }
        default: return nil
        }
    }

    /// The metric families, for listings and suggestions: a name pattern and a summary.
    public static let catalog: [(pattern: String, summary: String)] = [
        ("ndcg@k", "normalized discounted cumulative gain of the top k, full-catalog ranking"),
        ("hr@k", "hit rate: share of users with a relevant item in the top k"),
        ("mae", "mean absolute error of predicted ratings (rating feedback only)"),
        ("rmse", "root mean squared error of predicted ratings, per user, averaged"),
    ]
}
