import Foundation

/// Descriptive statistics used by the world summary (and by calibration, which
/// measures real datasets with the same definitions).
public enum SummaryStatistics {
    /// The Gini coefficient of non-negative `values` (0 when all are equal, toward 1
    /// when one holds everything).
    public static func gini(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let total = sorted.reduce(0, +)
        guard sorted.count > 1, total > 0 else { return 0 }
        var weighted = 0.0
        for (index, value) in sorted.enumerated() { weighted += Double(index + 1) * value }
        let n = Double(sorted.count)
        return (2 * weighted) / (n * total) - (n + 1) / n
    }

    /// The `q`-quantile of `sorted` values (nearest rank).
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[index]
    }

    /// The exponent α of a rank-frequency power law, count ∝ rank^−α: minus the
    /// least-squares slope of log count on log rank, over ranks `ranks` (1-based) of
    /// the counts sorted in decreasing order, skipping zero counts.
    public static func powerLawExponent(counts: [Double], ranks: ClosedRange<Int>) -> Double {
        let sorted = counts.sorted(by: >)
        var xs = [Double]()
        var ys = [Double]()
        for rank in ranks where rank <= sorted.count && sorted[rank - 1] > 0 {
            xs.append(log(Double(rank)))
            ys.append(log(sorted[rank - 1]))
        }
        guard xs.count > 2 else { return 0 }
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0
        var sxx = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - meanX) * (y - meanY)
            sxx += (x - meanX) * (x - meanX)
        }
        return sxx > 0 ? -sxy / sxx : 0
    }

    /// The ranks the summary fits the popularity exponent over: from the 1st percentile
    /// (skipping the head, where users' never choosing an item twice caps counts) to the
    /// 25th (before counts become too small to be more than noise).
    public static func popularityFitRanks(items: Int) -> ClosedRange<Int> {
        let low = max(2, items / 100)
        return low...max(low + 2, items / 4)
    }

    /// Adjusted share of the variance of `values` explained by their groups
    /// (`1 − (1 − R²)(N − 1)/(N − G)`, R² of the group means), clipped to `[0, 1]`.
    static func explainedShare(values: [Double], groups: [Int]) -> Double {
        let n = values.count
        guard n > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(n)
        var sums = [Int: (total: Double, count: Int)]()
        for (value, group) in zip(values, groups) {
            let entry = sums[group] ?? (0, 0)
            sums[group] = (entry.total + value, entry.count + 1)
        }
        var total = 0.0
        var within = 0.0
        for (value, group) in zip(values, groups) {
            let entry = sums[group]!
            let groupMean = entry.total / Double(entry.count)
            total += (value - mean) * (value - mean)
            within += (value - groupMean) * (value - groupMean)
        }
        guard total > 0, n > sums.count else { return 0 }
        let adjusted = 1 - (within / Double(n - sums.count)) / (total / Double(n - 1))
        return min(1, max(0, adjusted))
    }
}
