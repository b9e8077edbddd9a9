import Foundation

/// One step of fitting an ordered-probit world's rating thresholds to a target 1–5
/// rating histogram.
///
/// A simulated rating cuts a latent value (utility plus noise) at four thresholds
/// (McKelvey & Zavoina, J. Math. Sociology 1975). Thresholds do not change the latent
/// values, only where they are cut, so the latent distribution can be read off a
/// simulation: if it is roughly Normal(μ, σ²), the simulated cumulative shares `c_k`
/// satisfy `t_k = μ + σ·Φ⁻¹(c_k)`, and the least-squares slope through the four points
/// estimates σ. Each threshold then moves by `σ·(Φ⁻¹(c*_k) − Φ⁻¹(c_k))` toward the
/// target's cumulative share `c*_k`: for a normal latent one step lands exactly, and
/// otherwise repeated steps converge threshold by threshold (their fixed point has
/// `c_k = c*_k`), with σ only setting the pace.
public enum RatingThresholdFit {
    /// The smallest gap kept between consecutive thresholds (a rating the target never
    /// uses still needs an increasing cut).
    public static let minimumGap = 0.001

    /// New thresholds from the current ones, the simulated shares of ratings 1…5 under
    /// them (over `simulatedCount` ratings) and the target shares (over `targetCount`).
    public static func step(
        thresholds: [Double], simulated: [Double], simulatedCount: Int, target: [Double], targetCount: Int
    ) -> [Double] {
        let current = cumulative(simulated, count: simulatedCount).map(normalQuantile)
        let wanted = cumulative(target, count: targetCount).map(normalQuantile)
        let meanZ = current.reduce(0, +) / 4
        let meanT = thresholds.reduce(0, +) / 4
        var sxy = 0.0
        var sxx = 0.0
        for (z, t) in zip(current, thresholds) {
            sxy += (z - meanZ) * (t - meanT)
            sxx += (z - meanZ) * (z - meanZ)
        }
        let sigma = sxx > 0 && sxy > 0 ? sxy / sxx : 1
        var result = (0..<4).map { thresholds[$0] + sigma * (wanted[$0] - current[$0]) }
        for k in 1..<result.count where result[k] < result[k - 1] + minimumGap {
            result[k] = result[k - 1] + minimumGap
        }
        return result
    }

    /// Cumulative shares of ratings 1…4, kept half a rating away from 0 and 1.
    static func cumulative(_ shares: [Double], count: Int) -> [Double] {
        let margin = 0.5 / Double(max(count, 1))
        var running = 0.0
        return (0..<4).map { k in
            running += shares[k]
            return min(1 - margin, max(margin, running))
        }
    }

    /// Φ⁻¹, the standard normal quantile, by bisection on Φ to 1e-12.
    static func normalQuantile(_ p: Double) -> Double {
        var low = -40.0
        var high = 40.0
        while high - low > 1e-12 {
            let middle = (low + high) / 2
            if 0.5 * erfc(-middle / 2.0.squareRoot()) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
