/// Summary figures of a per-window metric curve of the drift protocol, as pure functions
/// of the curve, the windows at which the world shifted, and (for regret) the oracle's curve.
///
/// Windows are indexed from 0; a shift at window s means window s is the first measured
/// under the new regime. The figures follow the definitions:
/// - mean over windows;
/// - pre-shift level: the mean of the windows since the previous shift (or the start);
/// - dip depth: how far the metric falls below that level before the next shift;
/// - recovery time: windows after the shift until the metric is back to 90 % of the
///   pre-shift level, or "not recovered";
/// - cumulative regret: the running sum of the oracle's value minus the model's.
///
/// Every function takes the metric's direction. For a lower-is-better metric (MAE,
/// regret) a dip is a rise, and "90 % of the level" becomes "the level divided by 0.9".
/// The recovery threshold assumes a non-negative curve, as every reported metric is.
public enum DriftCurve {
    /// The share of the pre-shift level that counts as recovered.
    public static let defaultRecoveryShare = 0.9

    /// The mean of the curve over all windows; 0 for an empty curve.
    public static func meanOverWindows(_ curve: [Double]) -> Double {
        curve.isEmpty ? 0 : curve.reduce(0, +) / Double(curve.count)
    }

    /// The mean of `curve[start..<shift]`, or `nil` when that range is empty.
    public static func preShiftLevel(_ curve: [Double], shift: Int, since start: Int = 0) -> Double? {
        let lower = max(0, start)
        let upper = min(shift, curve.count)
        guard lower < upper else { return nil }
        return meanOverWindows(Array(curve[lower..<upper]))
    }

    /// How far the curve moves the wrong way from `level` within `curve[shift..<end]`
    /// (to the next shift, or the curve's end): level − minimum for a higher-is-better
    /// metric, maximum − level otherwise; 0 when it never gets worse than the level.
    public static func dipDepth(
        _ curve: [Double], shift: Int, level: Double, end: Int? = nil, higherIsBetter: Bool = true
    ) -> Double {
        let after = window(curve, shift: shift, end: end)
        guard !after.isEmpty else { return 0 }
        let depth = higherIsBetter ? level - (after.min() ?? level) : (after.max() ?? level) - level
        return max(0, depth)
    }

    /// Windows after `shift` until the curve is back at the recovery threshold
    /// (`share` × level, or level / `share` for a lower-is-better metric).
    ///
    /// If the curve never gets worse than the threshold, recovery took 0 windows. Otherwise
    /// it is the first window after the first one past the threshold at which the curve is
    /// back on the right side of it, counted from the shift window; `notRecovered` when that
    /// does not happen before `end` (the next shift) or the curve's end.
    public static func recoveryTime(
        _ curve: [Double], shift: Int, level: Double, share: Double = defaultRecoveryShare,
        end: Int? = nil, higherIsBetter: Bool = true
    ) -> Recovery {
        let threshold = higherIsBetter ? share * level : level / share
        let recovered = { (value: Double) in higherIsBetter ? value >= threshold : value <= threshold }
        let after = window(curve, shift: shift, end: end)
        guard let firstBelow = after.firstIndex(where: { !recovered($0) }) else { return .windows(0) }
        guard let back = after[(firstBelow + 1)...].firstIndex(where: recovered) else { return .notRecovered }
        return .windows(back - after.startIndex)
    }

    /// The running sum of the per-window regret against the oracle's curve (oracle − model
    /// for a higher-is-better metric, model − oracle otherwise), one value per window of
    /// the shorter curve; the last value is the total.
    public static func cumulativeRegret(_ curve: [Double], oracle: [Double], higherIsBetter: Bool = true) -> [Double] {
        var total = 0.0
        return zip(curve, oracle).map { model, best in
            total += higherIsBetter ? best - model : model - best
            return total
        }
    }

    /// `curve[shift..<end]`, clamped to the curve.
    private static func window(_ curve: [Double], shift: Int, end: Int?) -> ArraySlice<Double> {
        let lower = min(max(0, shift), curve.count)
        let upper = min(max(lower, end ?? curve.count), curve.count)
        return curve[lower..<upper]
    }

    /// The least-squares slope of `values` against their index (per window); `nil` for
    /// fewer than two values.
    public static func slope(_ values: [Double]) -> Double? {
        guard values.count > 1 else { return nil }
        let n = Double(values.count)
        let meanX = (n - 1) / 2
        let meanY = meanOverWindows(values)
        var covariance = 0.0
        var variance = 0.0
        for (index, value) in values.enumerated() {
            let dx = Double(index) - meanX
            covariance += dx * (value - meanY)
            variance += dx * dx
        }
        return covariance / variance
    }
}
