/// Average precision at k; its mean over users is MAP@k (Manning, Raghavan & Schütze,
/// *Introduction to Information Retrieval*, 2008, §8.4).
///
/// AP@k = (1 / min(R, k)) Σ_{relevant positions i ≤ k} precision@i, for R relevant items.
/// Normalizing by min(R, k) rather than R (as `trec_eval`'s uncut `map` does) makes a
/// perfect top k score 1 when the user has more than k relevant items.
public enum AveragePrecision {
    /// AP@k in `[0, 1]`; 0 when the user has no relevant item.
    public static func value(_ relevance: RankedRelevance, k: Int) -> Double {
        let denominator = min(relevance.relevantCount, k)
        guard denominator > 0 else { return 0 }
        var total = 0.0
        for (offset, rank) in relevance.relevantRanks.enumerated() where rank <= k {
            total += Double(offset + 1) / Double(rank)
        }
        return total / Double(denominator)
    }
}
