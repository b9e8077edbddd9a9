import RecData

/// Percentile bootstrap confidence intervals for a mean over users (Efron & Tibshirani 1993).
public enum Bootstrap {
    /// The `level` (e.g. 0.95) percentile interval of the mean of `values`, from `resamples`
    /// resamples drawn with `random`. Empty input gives `(0, 0)`; one value gives it twice.
    public static func meanInterval(
        of values: [Double], resamples: Int, level: Double = 0.95, random: RandomSource
    ) -> (low: Double, high: Double) {
        guard let first = values.first else { return (0, 0) }
        guard values.count > 1, resamples > 0 else { return (first, first) }
        var generator = random
        var means = values.withUnsafeBufferPointer { values in
            [Double](unsafeUninitializedCapacity: resamples) { means, initialized in
                for resample in 0..<resamples {
                    means.initializeElement(at: resample, to: resampledMean(of: values, generator: &generator))
                }
                initialized = resamples
            }
        }
        return percentileInterval(of: &means, level: level)
    }

    /// The mean of one resample of `values`: `values.count` draws with replacement, summed
    /// in the order drawn. Reading through a buffer pointer keeps the loop free of bounds
    /// checks; the draws and the sum are those of indexing the array, to the bit.
    @inline(__always)
    static func resampledMean(of values: UnsafeBufferPointer<Double>, generator: inout RandomSource) -> Double {
        let count = values.count
        var total = 0.0
        for _ in 0..<count { total += values[generator.nextIndex(below: count)] }
        return total / Double(count)
    }

    /// The `p`-quantile of sorted values, linearly interpolated between order statistics.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
