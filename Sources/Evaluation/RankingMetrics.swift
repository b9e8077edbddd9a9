import Foundation

/// Ranking metrics of one user's top list against their relevant items.
public enum RankingMetrics {
    /// nDCG@k with binary relevance.
    ///
    /// - Parameters:
    ///   - hits: for each position of the top list (best first), whether that item is relevant.
    ///   - relevantCount: how many relevant items the user has in all (for the ideal DCG).
    ///   - k: the cut-off.
    /// - Returns: a value in `[0, 1]`; 0 when the user has no relevant item.
    public static func ndcg(hits: [Bool], relevantCount: Int, k: Int) -> Double {
        guard relevantCount > 0 else { return 0 }
        var dcg = 0.0
        for (position, hit) in hits.prefix(k).enumerated() where hit {
            dcg += 1 / log2(Double(position) + 2)
        }
        var ideal = 0.0
        for position in 0..<min(k, relevantCount) {
            ideal += 1 / log2(Double(position) + 2)
        }
        return dcg / ideal
    }

    /// HR@k: 1 when any of the first `k` positions is relevant, else 0.
    public static func hitRate(hits: [Bool], k: Int) -> Double {
        hits.prefix(k).contains(true) ? 1 : 0
    }
}
