/// A paired comparison pooled over seeds: each seed is a stratum of per-user differences
/// (model − reference), and the strata are combined instead of being required to agree.
///
/// **Test.** A stratified Wilcoxon signed-rank test in van Elteren's manner (van Elteren,
/// "On the combination of independent two-sample tests of Wilcoxon", Bull. ISI 1960):
/// within stratum s the signed-rank statistic T_s = W⁺_s − n_s(n_s + 1)/4 has mean 0 and
/// variance Σ r² / 4 over the midranks r of the nonzero |differences|; the strata are
/// weighted by 1/(n_s + 1), the locally most powerful weights, and
/// Z = Σ w_s T_s / √(Σ w_s² Var T_s) is referred to the standard normal. The interval that
/// matches this test is ``StratifiedShift``'s, which inverts it.
///
/// **Effect.** The random-effects combination of the seeds' mean differences
/// (DerSimonian & Laird, Controlled Clinical Trials 1986): each seed's mean has variance
/// s²/n, the between-seed variance τ² is estimated by the method of moments, and the pooled
/// effect is the inverse-variance mean with its normal 95 % interval. With one seed it is
/// the paired mean and its interval.
///
/// **Power.** The minimum detectable effect is the true difference the test would find
/// with probability `power` at two-sided level `alpha`: (z₁₋α/₂ + z_power) × the pooled
/// effect's standard error — a "not significant" below it says little.
public struct PooledComparison: Hashable, Sendable {
    /// Seeds (strata) with at least one pair.
    public let seeds: Int
    /// Pairs over all seeds.
    public let pairs: Int
    /// The stratified signed-rank statistic; positive when the model's values are higher.
    public let z: Double
    /// Its two-sided p-value.
    public let pValue: Double
    /// The pooled mean difference (model − reference).
    public let effect: Double
    /// Lower end of the effect's 95 % interval.
    public let ciLow: Double
    /// Upper end of the effect's 95 % interval.
    public let ciHigh: Double
    /// The between-seed variance of the effect, τ².
    public let betweenSeedVariance: Double
    /// The smallest true difference detected with probability `power` (see above).
    public let minimumDetectableEffect: Double

    /// Pools `strata`, each seed's per-user differences.
    public init(strata: [[Double]], alpha: Double = 0.05, power: Double = 0.8) {
        let used = strata.filter { !$0.isEmpty }
        seeds = used.count
        pairs = used.reduce(0) { $0 + $1.count }
        (z, pValue) = StratifiedSignedRank(used).test()
        let combined = Self.randomEffects(used)
        effect = combined.effect
        betweenSeedVariance = combined.tau2
        let interval = NormalDistribution.quantile(0.975) * combined.standardError
        ciLow = combined.effect - interval
        ciHigh = combined.effect + interval
        minimumDetectableEffect = Self.detectable(standardError: combined.standardError, alpha: alpha, power: power)
    }

    /// (z₁₋α/₂ + z_power) × `standardError`.
    public static func detectable(standardError: Double, alpha: Double = 0.05, power: Double = 0.8) -> Double {
        (NormalDistribution.quantile(1 - alpha / 2) + NormalDistribution.quantile(power)) * standardError
    }

    // MARK: - Random-effects combination

    private static func randomEffects(_ strata: [[Double]]) -> (effect: Double, standardError: Double, tau2: Double) {
        let summaries = strata.map(SeedSummary.init)
        let means = summaries.map(\.mean)
        let positive = summaries.compactMap {
            $0.count > 1 && $0.standardDeviation > 0
                ? $0.standardDeviation * $0.standardDeviation / Double($0.count) : nil
        }
        // A seed whose differences are all equal has no sampling variance of its own; it
        // borrows the smallest other seed's, or is exact when none has any.
        let floor = positive.min() ?? 0
        let variances = summaries.map {
            $0.count > 1 && $0.standardDeviation > 0
                ? $0.standardDeviation * $0.standardDeviation / Double($0.count) : floor
        }
        guard !means.isEmpty else { return (0, 0, 0) }
        guard variances.allSatisfy({ $0 > 0 }) else {
            return (SeedSummary(means).mean, 0, 0)
        }
        let weights = variances.map { 1 / $0 }
        let total = weights.reduce(0, +)
        let fixed = zip(weights, means).reduce(0.0) { $0 + $1.0 * $1.1 } / total
        let q = zip(weights, means).reduce(0.0) { $0 + $1.0 * ($1.1 - fixed) * ($1.1 - fixed) }
        let scale = total - weights.reduce(0.0) { $0 + $1 * $1 } / total
        let tau2 = means.count > 1 && scale > 0 ? max(0, (q - Double(means.count - 1)) / scale) : 0
        let randomWeights = variances.map { 1 / ($0 + tau2) }
        let randomTotal = randomWeights.reduce(0, +)
        let effect = zip(randomWeights, means).reduce(0.0) { $0 + $1.0 * $1.1 } / randomTotal
        return (effect, (1 / randomTotal).squareRoot(), tau2)
    }
}
