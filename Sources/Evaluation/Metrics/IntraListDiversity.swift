import RecData

/// Intra-list diversity (Ziegler et al., "Improving recommendation lists through topic
/// diversification", WWW 2005; Smyth & McClave 2001): how unlike each other the items of
/// one list are.
public enum IntraListDiversity {
    /// The mean cosine distance 1 − cos(f_i, f_j) over all pairs of the first `k` items of
    /// `list`; 0 for lists of fewer than two items.
    public static func value(_ list: [ItemID], k: Int, features: ItemFeatureVectors) -> Double {
        let top = Array(list.prefix(k))
        guard top.count > 1 else { return 0 }
        var total = 0.0
        for i in top.indices {
            for j in (i + 1)..<top.count {
                total += 1 - features.cosine(top[i], top[j])
            }
        }
        return total / Double(top.count * (top.count - 1) / 2)
    }
}
