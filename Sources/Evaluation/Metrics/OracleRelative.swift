import RecData

/// The oracle's utility of each of one user's candidates, with the oracle's own best
/// list, for the oracle-relative metrics.
///
/// Evaluation does not know simulated worlds; callers pass utilities as numbers or as a
/// function of the item (a simulated world's `Oracle.utilities(user:items:at:)`).
public struct OracleUtilities: Hashable, Sendable {
    /// Utilities aligned with the candidates.
    public let utilities: [Double]
    /// The lowest candidate utility: the zero point of the shifted utilities.
    public let minimum: Double
    /// The `depth` highest utilities, in descending order: the oracle's top list.
    public let best: [Double]

    /// Prepares utilities for cut-offs up to `depth`.
    public init(_ utilities: [Double], depth: Int) {
        self.utilities = utilities
        self.minimum = utilities.min() ?? 0
        self.best = Self.highest(depth, of: utilities)
    }

    /// The `depth` highest of `utilities`, descending: a partial selection, linear in the
    /// candidates for a short list (the same values as sorting them all).
    private static func highest(_ depth: Int, of utilities: [Double]) -> [Double] {
        var best = [Double]()
        guard depth > 0 else { return best }
        best.reserveCapacity(depth + 1)
        for utility in utilities {
            if best.count == depth {
                guard let last = best.last, utility > last else { continue }
                best.removeLast()
            }
            best.insert(utility, at: best.firstIndex { utility > $0 } ?? best.count)
        }
        return best
    }

    /// Utilities of some candidates (such as a top list's) with the lowest utility and the
    /// best list of all candidates, computed beforehand.
    init(utilities: [Double], minimum: Double, best: [Double]) {
        self.utilities = utilities
        self.minimum = minimum
        self.best = best
    }

    /// Prepares the utilities `utility` gives `candidates`, for cut-offs up to `depth`.
    public init(candidates: [ItemID], depth: Int, utility: (ItemID) -> Double) {
        self.init(candidates.map(utility), depth: depth)
    }
}

/// Metrics of a top list against the oracle's best list (simulated worlds only).
///
/// `recommended` holds positions into the candidates (best first). Utilities may be
/// negative, so nDCG and the utility share use utilities shifted by the user's worst
/// candidate (u − u_min ≥ 0); regret uses them as they are.
public enum OracleRelative {
    /// nDCG@k (Järvelin & Kekäläinen 2002) with gain u − u_min, against the oracle's
    /// top k; 1 when every candidate has the same utility.
    public static func ndcg(recommended: [Int], oracle: OracleUtilities, k: Int) -> Double {
        var dcg = 0.0
        for (offset, index) in recommended.prefix(k).enumerated() {
            dcg += (oracle.utilities[index] - oracle.minimum) / NormalizedDCG.discount(offset + 1)
        }
        var ideal = 0.0
        for (offset, utility) in oracle.best.prefix(k).enumerated() {
            ideal += (utility - oracle.minimum) / NormalizedDCG.discount(offset + 1)
        }
        return ideal > 0 ? dcg / ideal : 1
    }

    /// Σ_{top k} (u − u_min) / Σ_{oracle top k} (u − u_min), in `[0, 1]`; 1 when every
    /// candidate has the same utility.
    public static func utilityShare(recommended: [Int], oracle: OracleUtilities, k: Int) -> Double {
        let achieved = recommended.prefix(k).reduce(0.0) { $0 + oracle.utilities[$1] - oracle.minimum }
        let possible = oracle.best.prefix(k).reduce(0.0) { $0 + $1 - oracle.minimum }
        return possible > 0 ? achieved / possible : 1
    }

    /// Σ_{oracle top k} u − Σ_{top k} u: the utility lost against the oracle (≥ 0 when
    /// `recommended` holds min(k, candidates) distinct positions).
    public static func regret(recommended: [Int], oracle: OracleUtilities, k: Int) -> Double {
        let achieved = recommended.prefix(k).reduce(0.0) { $0 + oracle.utilities[$1] }
        let possible = oracle.best.prefix(k).reduce(0, +)
        return possible - achieved
    }
}
