import RecData
import Testing

@testable import Evaluation

@Suite("Bootstrap intervals")
struct BootstrapIntervalTests {
    @Test("The interval contains the mean and is reproducible")
    func basic() {
        var random = RandomSource(seed: 1)
        let values = (0..<200).map { _ in random.nextUnit() }
        let mean = values.reduce(0, +) / 200
        let a = Bootstrap.meanInterval(of: values, resamples: 1000, random: RandomSource(seed: 5))
        let b = Bootstrap.meanInterval(of: values, resamples: 1000, random: RandomSource(seed: 5))
        #expect(a == b)
        #expect(a.low < mean && mean < a.high)
    }

    @Test("The width matches the normal theory of the mean, 2·1.96·σ/√n")
    func width() {
        var random = RandomSource(seed: 2)
        let values = (0..<400).map { _ in random.nextGaussian() }
        let interval = Bootstrap.meanInterval(of: values, resamples: 2000, random: RandomSource(seed: 9))
        let expected = 2 * 1.96 / 20.0
        #expect(abs((interval.high - interval.low) - expected) < 0.2 * expected)
    }

    @Test("The interval is the plain loop's to the bit: the same draws, summed in the same order")
    func sameAsPlainLoop() {
        var random = RandomSource(seed: 3)
        let values = (0..<37).map { _ in random.nextGaussian() }
        let second = (0..<23).map { _ in random.nextUnit() }
        #expect(
            Bootstrap.meanInterval(of: values, resamples: 301, random: RandomSource(seed: 11))
                == Self.plainInterval(of: values, resamples: 301, random: RandomSource(seed: 11)))
        #expect(
            Bootstrap.differenceInterval(of: values, minus: second, resamples: 301, random: RandomSource(seed: 12))
                == Self.plainDifference(of: values, minus: second, resamples: 301, random: RandomSource(seed: 12)))
    }

    /// The tail of a 95 % interval, computed as the bootstrap computes it.
    private static let tail = (1 - 0.95) / 2

    /// The bootstrap as first written: index the array with each draw, append each mean.
    private static func plainInterval(of values: [Double], resamples: Int, random: RandomSource)
        -> (low: Double, high: Double)
    {
        var generator = random
        var means = [Double]()
        for _ in 0..<resamples { means.append(plainMean(values, &generator)) }
        means.sort()
        return (Bootstrap.quantile(means, tail), Bootstrap.quantile(means, 1 - tail))
    }

    private static func plainDifference(
        of first: [Double], minus second: [Double], resamples: Int, random: RandomSource
    )
        -> (low: Double, high: Double)
    {
        var generator = random
        var differences = [Double]()
        for _ in 0..<resamples {
            let firstMean = plainMean(first, &generator)
            differences.append(firstMean - plainMean(second, &generator))
        }
        differences.sort()
        return (Bootstrap.quantile(differences, tail), Bootstrap.quantile(differences, 1 - tail))
    }

    private static func plainMean(_ values: [Double], _ generator: inout RandomSource) -> Double {
        var total = 0.0
        for _ in values.indices { total += values[generator.nextIndex(below: values.count)] }
        return total / Double(values.count)
    }

    @Test("Degenerate inputs")
    func degenerate() {
        #expect(Bootstrap.meanInterval(of: [], resamples: 10, random: RandomSource(seed: 1)) == (0, 0))
        #expect(Bootstrap.meanInterval(of: [0.5], resamples: 10, random: RandomSource(seed: 1)) == (0.5, 0.5))
        #expect(Bootstrap.meanInterval(of: [2, 2, 2], resamples: 50, random: RandomSource(seed: 1)) == (2, 2))
    }

    @Test("Quantiles interpolate between order statistics")
    func quantiles() {
        #expect(Bootstrap.quantile([0, 10], 0.25) == 2.5)
        #expect(Bootstrap.quantile([1, 2, 3, 4, 5], 0.5) == 3)
        #expect(Bootstrap.quantile([1, 2, 3, 4, 5], 1) == 5)
    }
}
