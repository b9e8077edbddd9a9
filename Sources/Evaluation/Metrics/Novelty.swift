import Foundation
import RecData

/// Novelty of a list as the mean self-information of its items (Zhou et al., "Solving the
/// apparent diversity–accuracy dilemma of recommender systems", PNAS 2010): an item that
/// few users know carries more information.
public enum Novelty {
    /// Mean of −log2 p(i) over the first `k` items of `list`, with p from `popularity`
    /// (Laplace-smoothed, so unseen items are finite); 0 for an empty list.
    public static func value(_ list: [ItemID], k: Int, popularity: ItemPopularity) -> Double {
        let top = list.prefix(k)
        guard !top.isEmpty else { return 0 }
        let total = top.reduce(0.0) { $0 - log2(popularity.probability($1)) }
        return total / Double(top.count)
    }
}
