import RecData
import Testing

@testable import Evaluation

@Suite("Bootstrap percentiles by selection")
struct BootstrapPercentileTests {
    /// The interval as first computed: sort every statistic, then interpolate.
    private static func sortedInterval(_ values: [Double], level: Double) -> (low: Double, high: Double) {
        let sorted = values.sorted()
        let tail = (1 - level) / 2
        return (Bootstrap.quantile(sorted, tail), Bootstrap.quantile(sorted, 1 - tail))
    }

    /// Statistics of `count` values, continuous or with many ties (means of 0/1 values).
    private static func statistics(_ count: Int, distinct: Int?, random: inout RandomSource) -> [Double] {
        (0..<count).map { _ in
            guard let distinct else { return random.nextGaussian() }
            return Double(random.nextIndex(below: distinct)) / Double(distinct)
        }
    }

    @Test("The selected interval is the sorted one's to the bit, ties and odd sizes included")
    func sameAsSorting() {
        var random = RandomSource(seed: 21)
        for count in [1, 2, 3, 5, 16, 17, 18, 40, 333, 1000] {
            for distinct in [nil, 1, 2, 7, 200] as [Int?] {
                for level in [0.95, 0.9, 0.5, 0.0, 1.0] {
                    var values = Self.statistics(count, distinct: distinct, random: &random)
                    let expected = Self.sortedInterval(values, level: level)
                    let selected = Bootstrap.percentileInterval(of: &values, level: level)
                    #expect(
                        selected.low.bitPattern == expected.low.bitPattern
                            && selected.high.bitPattern == expected.high.bitPattern,
                        "\(count) values, \(distinct.map(String.init) ?? "continuous"), level \(level)")
                }
            }
        }
    }

    @Test("Selecting the k-th value gives the sorted array's k-th and partitions around it")
    func selectsOrderStatistics() {
        var random = RandomSource(seed: 22)
        for distinct in [nil, 3] as [Int?] {
            let values = Self.statistics(101, distinct: distinct, random: &random)
            let sorted = values.sorted()
            for k in values.indices {
                var copy = values
                let selected = copy.withUnsafeMutableBufferPointer { Bootstrap.select(k, in: $0) }
                #expect(selected == sorted[k])
                #expect(copy[..<k].allSatisfy { $0 <= selected } && copy[k...].allSatisfy { $0 >= selected })
                #expect(copy.sorted() == sorted)
                // Past a first selection, the values after it alone hold every later order statistic.
                for later in [k, min(k + 1, 100), 100] {
                    var again = copy
                    let next = again.withUnsafeMutableBufferPointer {
                        Bootstrap.select(later, in: $0, from: later > k ? k + 1 : 0)
                    }
                    #expect(next == sorted[later])
                }
            }
        }
    }

    @Test("NaN and −0 fall back to sorting, whose order they depend on")
    func fallsBackToSorting() {
        var random = RandomSource(seed: 23)
        var signed = Self.statistics(50, distinct: 2, random: &random).map { $0 == 0 ? -0.0 : $0 } + [0.0, 0.0]
        let expected = Self.sortedInterval(signed, level: 0.95)
        let interval = Bootstrap.percentileInterval(of: &signed, level: 0.95)
        #expect(interval.low.bitPattern == expected.low.bitPattern)
        #expect(interval.high.bitPattern == expected.high.bitPattern)
        var withNaN = Self.statistics(50, distinct: nil, random: &random) + [.nan]
        let expectedNaN = Self.sortedInterval(withNaN, level: 0.9)
        let intervalNaN = Bootstrap.percentileInterval(of: &withNaN, level: 0.9)
        #expect(intervalNaN.low.bitPattern == expectedNaN.low.bitPattern)
        #expect(intervalNaN.high.bitPattern == expectedNaN.high.bitPattern)
    }
}
