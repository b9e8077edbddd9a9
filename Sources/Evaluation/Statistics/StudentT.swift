/// Student's t distribution with ν degrees of freedom.
public enum StudentT {
    /// P(T ≤ t) for ν > 0 degrees of freedom, through the regularized incomplete beta
    /// function: P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz & Stegun 26.7.1).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be positive")
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * IncompleteBeta.regularized(a: nu / 2, b: 0.5, x: nu / (nu + t * t))
        return t > 0 ? 1 - tail : tail
    }

    /// The `p`-quantile: the `t` with P(T ≤ t) = p, for 0 < p < 1, found by bisection on
    /// ``cdf(_:degreesOfFreedom:)`` to about 1e-10.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        precondition(nu > 0, "degrees of freedom must be positive")
        guard p != 0.5 else { return 0 }
        var (low, high) = p > 0.5 ? (0.0, 1.0) : (-1.0, 0.0)
        while cdf(high, degreesOfFreedom: nu) < p { high *= 2 }
        while cdf(low, degreesOfFreedom: nu) > p { low *= 2 }
        for _ in 0..<200 where high - low > 1e-10 * max(1, abs(low)) {
            let middle = (low + high) / 2
            if cdf(middle, degreesOfFreedom: nu) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// The two-sided tail probability P(|T| ≥ |t|).
    public static func twoSidedP(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be positive")
        if t.isInfinite { return 0 }
        return IncompleteBeta.regularized(a: nu / 2, b: 0.5, x: nu / (nu + t * t))
    }
}
