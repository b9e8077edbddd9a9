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

    /// The two-sided tail probability P(|T| ≥ |t|).
    public static func twoSidedP(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be positive")
        if t.isInfinite { return 0 }
        return IncompleteBeta.regularized(a: nu / 2, b: 0.5, x: nu / (nu + t * t))
    }
}
