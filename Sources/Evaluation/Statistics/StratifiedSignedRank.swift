/// The stratified Wilcoxon signed-rank statistic in van Elteren's manner (van Elteren,
/// "On the combination of independent two-sample tests of Wilcoxon", Bull. ISI 1960), the
/// test ``PooledComparison`` applies and ``StratifiedShift`` inverts.
///
/// Within stratum s the signed-rank statistic T_s = W⁺_s − n_s(n_s + 1)/4 over the nonzero
/// differences has mean 0 and variance Σ r² / 4 over the midranks r of their absolute
/// values; the strata are weighted by 1/(n_s + 1), the locally most powerful weights, and
/// Z = Σ w_s T_s / √(Σ w_s² Var T_s) is referred to the standard normal.
enum StratifiedSignedRank {
    /// Σ w_s T_s and its variance Σ w_s² Var T_s for the strata's differences minus `shift`.
    static func statistic(_ strata: [[Double]], shift: Double = 0) -> (sum: Double, variance: Double) {
        var sum = 0.0
        var variance = 0.0
        for differences in strata {
            let nonZero = differences.lazy.map { $0 - shift }.filter { $0 != 0 }
            guard !nonZero.isEmpty else { continue }
            let values = Array(nonZero)
            let ranks = WilcoxonSignedRank.midranks(values.map(abs))
            let positive = zip(values, ranks).reduce(0.0) { $0 + ($1.0 > 0 ? $1.1 : 0) }
            let n = Double(values.count)
            let weight = 1 / (n + 1)
            sum += weight * (positive - n * (n + 1) / 4)
            variance += weight * weight * ranks.reduce(0.0) { $0 + $1 * $1 } / 4
        }
        return (sum, variance)
    }

    /// Z and its two-sided p-value for the strata's differences minus `shift`; (0, 1) when
    /// every difference equals the shift.
    static func test(_ strata: [[Double]], shift: Double = 0) -> (z: Double, p: Double) {
        let (sum, variance) = statistic(strata, shift: shift)
        guard variance > 0 else { return (0, 1) }
        let z = sum / variance.squareRoot()
        return (z, NormalDistribution.twoSidedP(z))
    }
}
