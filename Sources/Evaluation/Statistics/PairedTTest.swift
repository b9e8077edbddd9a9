/// Student's paired t-test (Student, "The probable error of a mean", Biometrika 1908),
/// two-sided: t = d̄ / (s_d / √n) with n − 1 degrees of freedom, for the differences d.
public struct PairedTTest: Hashable, Sendable {
    /// The number of pairs.
    public let n: Int
    /// The mean difference d̄.
    public let meanDifference: Double
    /// The sample standard deviation s_d of the differences (n − 1 in the denominator).
    public let standardDeviation: Double
    /// The t statistic; ±∞ when every difference is the same non-zero value.
    public let t: Double
    /// The degrees of freedom n − 1.
    public let degreesOfFreedom: Int
    /// Two-sided p-value: 1 with fewer than two pairs or no difference at all, 0 when
    /// every difference is the same non-zero value.
    public let pValue: Double

    /// Tests the paired differences `x_i − y_i`.
    public init(differences: [Double]) {
        n = differences.count
        degreesOfFreedom = max(n - 1, 0)
        let summary = SeedSummary(differences)
        meanDifference = summary.mean
        standardDeviation = summary.standardDeviation
        guard n > 1 else {
            (t, pValue) = (0, 1)
            return
        }
        guard standardDeviation > 0 else {
            (t, pValue) = meanDifference == 0 ? (0, 1) : (meanDifference > 0 ? .infinity : -.infinity, 0)
            return
        }
        t = meanDifference / (standardDeviation / Double(n).squareRoot())
        pValue = StudentT.twoSidedP(t, degreesOfFreedom: Double(degreesOfFreedom))
    }

    /// Tests paired samples `x` and `y` (same length, pairs aligned).
    public init(_ x: [Double], _ y: [Double]) {
        precondition(x.count == y.count, "paired samples must have the same length")
        self.init(differences: zip(x, y).map { $0 - $1 })
    }
}
