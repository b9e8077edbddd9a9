/// Jackknife confidence intervals for statistics of all users' lists at once (coverage,
/// exposure Gini, personalization; Efron & Tibshirani, *An Introduction to the
/// Bootstrap*, 1993, ch. 11).
///
/// The percentile bootstrap over users suits means, but not these set statistics: a user
/// drawn twice adds no new item to coverage and is perfectly similar to itself, which
/// biases resampled coverage and personalization downwards, so the bootstrap interval
/// would not even contain the estimate. The jackknife leaves each user out once instead,
/// never duplicating anyone, and is deterministic.
public enum Jackknife {
    /// The jackknife standard error √((n − 1)/n Σ (θ₍ᵢ₎ − θ̄₍·₎)²) of n leave-one-out values.
    public static func standardError(leaveOneOut values: [Double]) -> Double {
        let n = Double(values.count)
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / n
        let squares = values.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        return ((n - 1) / n * squares).squareRoot()
    }

    /// The normal interval θ ± z_{(1+level)/2} · SE_jack around `estimate`, clipped to `bounds`.
    public static func interval(
        estimate: Double, leaveOneOut values: [Double], level: Double = 0.95,
        bounds: ClosedRange<Double> = -Double.infinity...Double.infinity
    ) -> (low: Double, high: Double) {
        let margin = NormalDistribution.quantile((1 + level) / 2) * standardError(leaveOneOut: values)
        let centre = min(max(estimate, bounds.lowerBound), bounds.upperBound)
        return (max(bounds.lowerBound, centre - margin), min(bounds.upperBound, centre + margin))
    }

    /// The interval of a list-level statistic, from its value and leave-one-user-out values,
    /// clipped to [0, 1] where every list-level statistic lies.
    public static func interval(of statistic: some ListLevelStatistic, level: Double = 0.95) -> (
        low: Double, high: Double
    ) {
        let values = (0..<statistic.userCount).map(statistic.leavingOut)
        return interval(estimate: statistic.value, leaveOneOut: values, level: level, bounds: 0...1)
    }
}
