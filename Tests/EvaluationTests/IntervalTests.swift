import Evaluation
import RecData
import Testing

@Suite("Confidence intervals")
struct IntervalTests {
    @Test("the jackknife standard error of a mean is s/√n")
    func jackknifeMean() {
        let values = [0.2, 0.5, 0.1, 0.9, 0.4, 0.7]
        let n = Double(values.count)
        let leaveOneOut = values.indices.map { index in
            (values.reduce(0, +) - values[index]) / (n - 1)
        }
        let summary = SeedSummary(values)
        #expect(
            abs(Jackknife.standardError(leaveOneOut: leaveOneOut) - summary.standardDeviation / n.squareRoot()) < 1e-12)
        let interval = Jackknife.interval(estimate: summary.mean, leaveOneOut: leaveOneOut)
        #expect(
            abs(interval.high - summary.mean - 1.959963984540054 * summary.standardDeviation / n.squareRoot()) < 1e-9)
    }

    @Test("list-level intervals contain the estimate and stay in [0, 1]")
    func listLevel() {
        let lists = (0..<30).map { user in (0..<5).map { ItemID(index: (user * 3 + $0) % 40) } }
        for statistic in [
            CatalogCoverage(lists: lists, k: 5, catalogSize: 40) as any ListLevelStatistic,
            ExposureGini(lists: lists, k: 5, catalogSize: 40), Personalization(lists: lists, k: 5),
        ] {
            let interval = Jackknife.interval(of: statistic)
            #expect(interval.low <= statistic.value && statistic.value <= interval.high)
            #expect(interval.low >= 0 && interval.high <= 1)
        }
    }

    @Test("identical lists give personalization exactly 0 and an ordered interval")
    func identicalLists() {
        let lists = Array(repeating: (0..<10).map(ItemID.init(index:)), count: 19)
        let statistic = Personalization(lists: lists, k: 10)
        let interval = Jackknife.interval(of: statistic)
        #expect(statistic.value == 0)
        #expect(interval.low <= interval.high)
    }

    @Test("an estimate a rounding error outside the bounds gives an ordered interval")
    func estimateOutsideBounds() {
        let interval = Jackknife.interval(estimate: -2.2e-16, leaveOneOut: [0, 0, 0], bounds: 0...1)
        #expect(interval.low == 0 && interval.high == 0)
    }

    @Test("the bootstrap interval is seeded and brackets the mean")
    func bootstrap() {
        let values = (0..<50).map { Double($0 % 7) / 7 }
        let first = Bootstrap.meanInterval(of: values, resamples: 400, random: RandomSource(seed: 5))
        let again = Bootstrap.meanInterval(of: values, resamples: 400, random: RandomSource(seed: 5))
        let mean = values.reduce(0, +) / 50
        #expect(first == again)
        #expect(first.low < mean && mean < first.high)
    }
}
