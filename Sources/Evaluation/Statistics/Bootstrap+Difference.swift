import RecData

extension Bootstrap {
    /// The `level` percentile interval of the difference of two independent means,
    /// `mean(first) − mean(second)`, resampling each set of values on its own `resamples`
    /// times (the two-sample percentile bootstrap, Efron & Tibshirani 1993, ch. 8). Either
    /// set empty gives `(0, 0)`.
    public static func differenceInterval(
        of first: [Double], minus second: [Double], resamples: Int, level: Double = 0.95, random: RandomSource
    ) -> (low: Double, high: Double) {
        guard !first.isEmpty, !second.isEmpty else { return (0, 0) }
        let observed = mean(first) - mean(second)
        guard resamples > 0, first.count + second.count > 2 else { return (observed, observed) }
        var generator = random
        var differences = [Double]()
        differences.reserveCapacity(resamples)
        first.withUnsafeBufferPointer { first in
            second.withUnsafeBufferPointer { second in
                for _ in 0..<resamples {
                    differences.append(
                        resampledMean(of: first, generator: &generator)
                            - resampledMean(of: second, generator: &generator))
                }
            }
        }
        return percentileInterval(of: &differences, level: level)
    }

    private static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}
