/// The stratified Wilcoxon signed-rank statistic in van Elteren's manner (van Elteren,
/// "On the combination of independent two-sample tests of Wilcoxon", Bull. ISI 1960), the
/// test ``PooledComparison`` applies and ``StratifiedShift`` inverts.
///
/// Within stratum s the signed-rank statistic T_s = W⁺_s − n_s(n_s + 1)/4 over the nonzero
/// differences has mean 0 and variance Σ r² / 4 over the midranks r of their absolute
/// values; the strata are weighted by 1/(n_s + 1), the locally most powerful weights, and
/// Z = Σ w_s T_s / √(Σ w_s² Var T_s) is referred to the standard normal.
///
/// The strata are sorted once; for any shift δ the absolute differences |d − δ| in
/// ascending order are then a merge of the values below δ (read downwards) and those above
/// it (read upwards), so evaluating the statistic at a new δ — as inverting the test does
/// many times — takes linear time. The rank sums are sums of half-integers, exact in
/// floating point, so the order of summation does not change the result.
struct StratifiedSignedRank {
    /// Each stratum's differences, ascending.
    let strata: [[Double]]

    /// Sorts `strata`, each seed's differences.
    init(_ strata: [[Double]]) {
        self.strata = strata.map { $0.sorted() }
    }

    /// Σ w_s T_s and its variance Σ w_s² Var T_s for the differences minus `shift`.
    func statistic(shift: Double = 0) -> (sum: Double, variance: Double) {
        var sum = 0.0
        var variance = 0.0
        for values in strata {
            let (positive, squares, n) = Self.signedRanks(values, shift: shift)
            guard n > 0 else { continue }
            let count = Double(n)
            let weight = 1 / (count + 1)
            sum += weight * (positive - count * (count + 1) / 4)
            variance += weight * weight * squares / 4
        }
        return (sum, variance)
    }

    /// Z and its two-sided p-value for the differences minus `shift`; (0, 1) when every
    /// difference equals the shift.
    func test(shift: Double = 0) -> (z: Double, p: Double) {
        let (sum, variance) = statistic(shift: shift)
        guard variance > 0 else { return (0, 1) }
        let z = sum / variance.squareRoot()
        return (z, NormalDistribution.twoSidedP(z))
    }

    /// The sum of the midranks of |v − shift| over the values above the shift, the sum of
    /// all midranks squared, and the count of nonzero differences, for `values` ascending.
    private static func signedRanks(_ values: [Double], shift: Double) -> (positive: Double, squares: Double, n: Int) {
        // Below `low` the differences are negative, from `high` on positive; between, zero.
        let low = partition(values) { $0 < shift }
        let high = partition(values) { $0 <= shift }
        var below = low - 1
        var above = high
        var rank = 0
        var positive = 0.0
        var squares = 0.0
        while below >= 0 || above < values.count {
            let next = Swift.min(
                below >= 0 ? abs(values[below] - shift) : .infinity,
                above < values.count ? abs(values[above] - shift) : .infinity)
            var tied = 0
            var tiedPositive = 0
            while below >= 0, abs(values[below] - shift) == next {
                tied += 1
                below -= 1
            }
            while above < values.count, abs(values[above] - shift) == next {
                tied += 1
                tiedPositive += 1
                above += 1
            }
            let midrank = Double(2 * rank + tied + 1) / 2
            positive += midrank * Double(tiedPositive)
            squares += midrank * midrank * Double(tied)
            rank += tied
        }
        return (positive, squares, rank)
    }

    /// The number of leading `values` (ascending) for which `isBelow` holds.
    private static func partition(_ values: [Double], _ isBelow: (Double) -> Bool) -> Int {
        var (start, end) = (0, values.count)
        while start < end {
            let middle = (start + end) / 2
            if isBelow(values[middle]) { start = middle + 1 } else { end = middle }
        }
        return start
    }
}
