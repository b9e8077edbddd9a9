/// The location shift that the stratified signed-rank test of ``PooledComparison`` estimates,
/// with the interval obtained by inverting that same test — so that the interval excludes
/// 0 exactly when the test rejects.
///
/// **Estimate.** The stratified Hodges–Lehmann shift: the δ at which the van Elteren
/// statistic Σ w_s T_s of the differences minus δ changes sign (the middle of the range
/// where it is zero; with one stratum and no ties, the median of the Walsh averages) (Hodges & Lehmann,
/// "Estimates of location based on rank tests", Ann. Math. Statist. 1963). It is the
/// test's own measure of how far apart the paired users are, robust to a few extreme
/// users; it can differ from the mean difference when the differences are skewed.
///
/// **Interval.** The shifts δ the test does not reject at two-sided level `level` when
/// applied to the differences minus δ (test inversion), found by bisection on each side.
/// The decision at δ = 0 is the one the caller already made (`rejectsZero`, the corrected
/// test's), and the bisection keeps it: the interval contains 0 exactly when the test did
/// not reject, even where rounding or ties would make a fresh evaluation waver. A side on
/// which no shift is rejected — too few pairs for the level — has no bound (`nil`).
public struct StratifiedShift: Hashable, Sendable, Codable {
    /// The stratified Hodges–Lehmann shift (model − reference).
    public var estimate: Double
    /// The interval's lower end; `nil` when no shift below the estimate is rejected.
    public var low: Double?
    /// The interval's upper end; `nil` when no shift above the estimate is rejected.
    public var high: Double?
    /// The two-sided level the test was inverted at; the interval's confidence is 1 − level.
    public var level: Double

    /// Creates the figures.
    public init(estimate: Double, low: Double?, high: Double?, level: Double) {
        self.estimate = estimate
        self.low = low
        self.high = high
        self.level = level
    }

    /// Inverts the test on `strata` (each seed's per-user differences) at `level`, keeping
    /// `rejectsZero`, the decision already made at δ = 0.
    public init(strata: [[Double]], level: Double, rejectsZero: Bool) {
        let used = strata.filter { !$0.isEmpty }
        let all = used.flatMap { $0 }
        self.level = level
        guard let smallest = all.min(), let largest = all.max() else {
            (estimate, low, high) = (0, nil, nil)
            return
        }
        // Beyond these every difference minus δ has one sign: the statistic is at its extreme.
        let width = max(largest - smallest, abs(largest), abs(smallest), 1e-9)
        let below = smallest - width
        let above = largest + width
        let tolerance = 1e-12 * (above - below)
        let boundary = { (from: Double, to: Double, holds: (Double) -> Bool) in
            Self.boundary(from: from, to: to, within: tolerance, holds: holds)
        }
        let ranks = StratifiedSignedRank(used)
        let atZero = ranks.statistic()
        let sumAtZero = atZero.sum
        let rejected = { (shift: Double) in ranks.test(shift: shift).p <= level }
        let sum = { (shift: Double) in ranks.statistic(shift: shift).sum }
        // The estimate lies on the side of 0 the statistic points to, midway between the last
        // shift where the statistic is positive and the first where it is negative.
        let (start, end) = sumAtZero > 0 ? (0.0, above) : sumAtZero < 0 ? (below, 0.0) : (below, above)
        estimate =
            atZero.variance == 0
            ? 0
            : (boundary(start, end) { sum($0) > 0 } + boundary(end, start) { sum($0) < 0 })
                / 2
        let outside = { (end: Double) in rejected(end) ? end : nil }
        if rejectsZero, sumAtZero != 0 {
            // 0 is rejected: the interval lies wholly on the estimate's side of it.
            let far = sumAtZero > 0 ? above : below
            let inner = boundary(estimate, 0) { !rejected($0) }
            let outer = outside(far).map { far in boundary(estimate, far) { !rejected($0) } }
            (low, high) = sumAtZero > 0 ? (inner, outer) : (outer, inner)
        } else {
            // 0 is kept: the interval reaches from both 0 and the estimate outwards.
            let accepted = rejected(estimate) ? [0.0] : [0.0, estimate]
            let left = accepted.min() ?? 0
            let right = accepted.max() ?? 0
            low = outside(below).map { far in boundary(left, far) { !rejected($0) } }
            high = outside(above).map { far in boundary(right, far) { !rejected($0) } }
        }
    }

    /// The last point on the way from `inside` to `outside` where `holds` is true, to within
    /// `tolerance`, by bisection: `holds(inside)` is taken as true and `holds(outside)` as
    /// false, and the result is always strictly between them or `inside` itself.
    private static func boundary(
        from inside: Double, to outside: Double, within tolerance: Double, holds: (Double) -> Bool
    ) -> Double {
        var (good, bad) = (inside, outside)
        while abs(good - bad) > tolerance {
            let middle = (good + bad) / 2
            guard middle != good, middle != bad else { break }
            if holds(middle) { good = middle } else { bad = middle }
        }
        return good
    }

    /// The two-sided level at which a comparison's test is inverted so that its interval
    /// agrees with its Holm-corrected decision: α × p / p_Holm, the level Holm's correction in
    /// effect holds this p-value to (α when p is 0).
    public static func level(alpha: Double, p: Double, adjustedP: Double) -> Double {
        adjustedP > 0 && p > 0 ? min(alpha, alpha * p / adjustedP) : alpha
    }
}
