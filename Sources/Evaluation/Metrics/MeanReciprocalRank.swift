/// Reciprocal rank of the first relevant item; its mean over users is MRR
/// (Voorhees, "The TREC-8 question answering track report", TREC 1999).
public enum MeanReciprocalRank {
    /// 1 / rank of the first relevant item; 0 when none was ranked, or when `k` is given
    /// and the first relevant item is below position `k`.
    public static func value(_ relevance: RankedRelevance, k: Int? = nil) -> Double {
        guard let first = relevance.relevantRanks.first else { return 0 }
        if let k, first > k { return 0 }
        return 1 / Double(first)
    }
}
