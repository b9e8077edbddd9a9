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
