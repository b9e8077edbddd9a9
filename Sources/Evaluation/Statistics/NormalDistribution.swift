import Foundation

/// The standard normal distribution.
public enum NormalDistribution {
    /// Φ(z), the probability that a standard normal deviate is at most `z`.
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// The two-sided tail probability P(|Z| ≥ |z|).
    public static func twoSidedP(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// Φ⁻¹(p) for p in (0, 1), by bisection on ``cdf(_:)`` to full double precision.
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        var low = -40.0
        var high = 40.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if cdf(middle) < p { low = middle } else { high = middle }
            if high - low <= 1e-15 * max(1, abs(middle)) { break }
        }
        return (low + high) / 2
    }
}
