/// The Wilcoxon signed-rank test of paired values (Wilcoxon, "Individual comparisons by
/// ranking methods", Biometrics Bulletin 1945), two-sided.
///
/// Zero differences are dropped (Wilcoxon's convention); the absolute differences of the
/// remaining n pairs are ranked, ties receiving their mean rank, and W+ sums the ranks of
/// the positive differences.
/// - For n ≤ ``exactLimit`` the p-value is exact: the distribution of W+ over all 2ⁿ
///   sign assignments of the observed (mid)ranks, so it stays exact with ties.
/// - For larger n it uses the normal approximation with mean n(n+1)/4, variance
///   n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups of size t, and a continuity
///   correction of 1/2 towards the mean (as `scipy.stats.wilcoxon(method="approx")`).
public struct WilcoxonSignedRank: Hashable, Sendable {
    /// Largest number of non-zero differences tested exactly.
    public static let exactLimit = 50

    /// How the p-value was computed.
    public enum Method: String, Hashable, Sendable, Codable {
        /// The exact permutation distribution of W+.
        case exact
        /// The normal approximation with tie and continuity corrections.
        case normal
    }

    /// Non-zero differences ranked.
    public let n: Int
    /// Sum of the ranks of positive differences.
    public let positiveRankSum: Double
    /// Sum of the ranks of negative differences.
    public let negativeRankSum: Double
    /// The standardized statistic of the normal approximation; `nil` for the exact test.
    public let z: Double?
    /// Two-sided p-value; 1 when every difference is zero.
    public let pValue: Double
    /// How ``pValue`` was computed.
    public let method: Method

    /// The classic test statistic T = min(W+, W−), as in critical-value tables.
    public var statistic: Double { min(positiveRankSum, negativeRankSum) }

    /// Tests the paired differences `x_i − y_i`.
    public init(differences: [Double]) {
        let nonZero = differences.filter { $0 != 0 }
        let ranks = Self.midranks(nonZero.map(abs))
        var positive = 0.0
        var negative = 0.0
        for (difference, rank) in zip(nonZero, ranks) {
            if difference > 0 { positive += rank } else { negative += rank }
        }
        self.n = nonZero.count
        self.positiveRankSum = positive
        self.negativeRankSum = negative
        if n == 0 {
            (z, pValue, method) = (nil, 1, .exact)
        } else if n <= Self.exactLimit {
            (z, pValue, method) = (nil, Self.exactP(ranks: ranks, positiveSum: positive), .exact)
        } else {
            let z = Self.normalZ(ranks: ranks, positiveSum: positive)
            (self.z, pValue, method) = (z, NormalDistribution.twoSidedP(z), .normal)
        }
    }

    /// Tests paired samples `x` and `y` (same length, pairs aligned).
    public init(_ x: [Double], _ y: [Double]) {
        precondition(x.count == y.count, "paired samples must have the same length")
        self.init(differences: zip(x, y).map { $0 - $1 })
    }

    // MARK: - Ranks

    /// One-based ranks of `values`, ties receiving the mean of the ranks they span.
    public static func midranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = Array(repeating: 0.0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 2) / 2
            for position in start...end { ranks[order[position]] = rank }
            start = end + 1
        }
        return ranks
    }

    // MARK: - p-values

    /// The exact two-sided p-value 2 min(P(W+ ≤ w), P(W+ ≥ w)), capped at 1. Ranks are
    /// multiples of 1/2, so the distribution is tracked over doubled rank sums.
    private static func exactP(ranks: [Double], positiveSum: Double) -> Double {
        let doubled = ranks.map { Int(($0 * 2).rounded()) }
        let total = doubled.reduce(0, +)
        var distribution = Array(repeating: 0.0, count: total + 1)
        distribution[0] = 1
        var reach = 0
        for rank in doubled {
            reach += rank
            for sum in stride(from: reach, through: 0, by: -1) {
                let without = distribution[sum]
                let with = sum >= rank ? distribution[sum - rank] : 0
                distribution[sum] = 0.5 * (without + with)
            }
        }
        let observed = Int((positiveSum * 2).rounded())
        let lower = distribution[0...observed].reduce(0, +)
        let upper = distribution[observed...].reduce(0, +)
        return min(1, 2 * min(lower, upper))
    }

    /// The continuity-corrected z of W+ under the tie-corrected normal approximation.
    private static func normalZ(ranks: [Double], positiveSum: Double) -> Double {
        let n = Double(ranks.count)
        let mean = n * (n + 1) / 4
        var tieCorrection = 0.0
        for size in Dictionary(grouping: ranks, by: { $0 }).values.map(\.count) where size > 1 {
            let t = Double(size)
            tieCorrection += t * t * t - t
        }
        let variance = n * (n + 1) * (2 * n + 1) / 24 - tieCorrection / 48
        guard variance > 0 else { return 0 }
        let deviation = positiveSum - mean
        let corrected = max(abs(deviation) - 0.5, 0)
        return (deviation < 0 ? -corrected : corrected) / variance.squareRoot()
    }
}
