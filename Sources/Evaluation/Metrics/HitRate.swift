/// Hit rate at k (also "HR@k", the share of users with a hit; Deshpande & Karypis,
/// "Item-based top-N recommendation algorithms", ACM TOIS 2004).
public enum HitRate {
    /// 1 when a relevant item is within the first `k` positions, else 0.
    public static func value(_ relevance: RankedRelevance, k: Int) -> Double {
        guard let first = relevance.relevantRanks.first else { return 0 }
        return first <= k ? 1 : 0
    }
}
