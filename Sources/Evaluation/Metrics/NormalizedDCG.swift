import Foundation

/// How a relevance grade becomes the gain nDCG accumulates.
public enum RelevanceGain: String, Hashable, Sendable, CaseIterable {
    /// gain = 2^rel − 1 (Burges et al., "Learning to rank using gradient descent", ICML 2005),
    /// which stresses highly relevant items.
    case exponential
    /// gain = rel (Järvelin & Kekäläinen 2002, as in `trec_eval`).
    case linear

    /// The gain of a grade; 0 for grades at or below 0.
    public func gain(_ grade: Double) -> Double {
        guard grade > 0 else { return 0 }
        switch self {
        case .exponential: return pow(2, grade) - 1
        case .linear: return grade
        }
    }
}

/// Normalized discounted cumulative gain (Järvelin & Kekäläinen, "Cumulated gain-based
/// evaluation of IR techniques", ACM TOIS 2002).
///
/// DCG@k = Σ_{i ≤ k} gain(rel_i) / log2(i + 1) over the ranking's first k positions;
/// nDCG@k divides it by the DCG@k of the ideal ranking (all relevant items by grade).
/// With binary relevance (grades 1) both gains give the classic binary nDCG.
public enum NormalizedDCG {
    /// nDCG@k in `[0, 1]`; 0 when the user has no relevant item.
    public static func value(_ relevance: RankedRelevance, k: Int, gain: RelevanceGain) -> Double {
        let ideal = idealDCG(relevance.idealGrades, k: k, gain: gain)
        guard ideal > 0 else { return 0 }
        var dcg = 0.0
        for (rank, grade) in zip(relevance.relevantRanks, relevance.rankedGrades) where rank <= k {
            dcg += gain.gain(grade) / discount(rank)
        }
        return dcg / ideal
    }

    /// The DCG@k of grades sorted descending.
    public static func idealDCG(_ descendingGrades: [Double], k: Int, gain: RelevanceGain) -> Double {
        var total = 0.0
        for (offset, grade) in descendingGrades.prefix(k).enumerated() {
            total += gain.gain(grade) / discount(offset + 1)
        }
        return total
    }

    /// The logarithmic discount log2(rank + 1) of a one-based rank.
    public static func discount(_ rank: Int) -> Double {
        log2(Double(rank) + 1)
    }
}
