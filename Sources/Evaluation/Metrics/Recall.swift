/// Recall at k (Manning, Raghavan & Schütze, *Introduction to Information Retrieval*, 2008, §8.4).
public enum Recall {
    /// Relevant items within the first `k` positions, divided by the user's relevant
    /// items; 0 when the user has none.
    public static func value(_ relevance: RankedRelevance, k: Int) -> Double {
        guard relevance.relevantCount > 0 else { return 0 }
        return Double(Precision.hits(relevance, k: k)) / Double(relevance.relevantCount)
    }
}
