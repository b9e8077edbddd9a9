/// Precision at k (Manning, Raghavan & Schütze, *Introduction to Information Retrieval*, 2008, §8.4).
public enum Precision {
    /// Relevant items within the first `k` positions, divided by `k` (also when fewer than
    /// `k` items were ranked).
    public static func value(_ relevance: RankedRelevance, k: Int) -> Double {
        Double(hits(relevance, k: k)) / Double(k)
    }

    /// The number of relevant items within the first `k` positions.
    public static func hits(_ relevance: RankedRelevance, k: Int) -> Int {
        relevance.relevantRanks.prefix { $0 <= k }.count
    }
}
