import Evaluation
import Foundation
import Testing

/// The shift and interval that invert the stratified signed-rank test, on data whose
/// answer is known: with one stratum and no ties the classic Hodges–Lehmann estimate (the
/// median of the Walsh averages) and ends that are Walsh averages where the test's decision
/// flips; and the decision at 0 is always the one the caller made.
@Suite("Stratified shift (test inversion)")
struct StratifiedShiftTests {
    /// Twenty distinct differences around `centre`.
    static func differences(_ centre: Double) -> [Double] {
        (1...20).map { sin(1.7 * Double($0)) * 2 + centre }
    }

    /// Uniform numbers in [0, 1) from a linear congruential generator: the same on every machine.
    struct Uniform {
        var state: UInt64

        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static func walshAverages(_ values: [Double]) -> [Double] {
        values.indices.flatMap { i in values.indices[i...].map { (values[i] + values[$0]) / 2 } }.sorted()
    }

    static func p(_ strata: [[Double]], minus shift: Double) -> Double {
        PooledComparison(strata: strata.map { $0.map { $0 - shift } }).pValue
    }

    @Test("One stratum: the estimate is the median of the Walsh averages and each end a Walsh average")
    func hodgesLehmann() throws {
        let values = Self.differences(1.5)
        let walsh = Self.walshAverages(values)
        let shift = StratifiedShift(strata: [values], level: 0.05, rejectsZero: true)
        #expect(abs(shift.estimate - (walsh[walsh.count / 2 - 1] + walsh[walsh.count / 2]) / 2) < 1e-9)
        let low = try #require(shift.low)
        let high = try #require(shift.high)
        #expect(low > 0 && low < shift.estimate && high > shift.estimate)
        for end in [low, high] {
            #expect(walsh.contains { abs($0 - end) < 1e-9 }, "\(end) is not a Walsh average")
        }
        // Just inside the ends the test keeps the shift; just outside it rejects it.
        #expect(Self.p([values], minus: low + 1e-6) > 0.05 && Self.p([values], minus: low - 1e-6) <= 0.05)
        #expect(Self.p([values], minus: high - 1e-6) > 0.05 && Self.p([values], minus: high + 1e-6) <= 0.05)
    }

    @Test("Holm decides: raw p below α but adjusted above it keeps 0 inside, the raw level excludes it")
    func holmLevel() {
        let strata = [Self.differences(0.8)]
        let p = PooledComparison(strata: strata).pValue
        #expect(p > 0.0167 && p < 0.05, "the data no longer give p between α/3 and α: \(p)")
        let raw = StratifiedShift(strata: strata, level: 0.05, rejectsZero: true)
        #expect((raw.low ?? -1) > 0)
        // Three comparisons: Holm's p is 3p > α, the level α p / 3p = α / 3.
        let level = StratifiedShift.level(alpha: 0.05, p: p, adjustedP: 3 * p)
        #expect(abs(level - 0.05 / 3) < 1e-12)
        let adjusted = StratifiedShift(strata: strata, level: level, rejectsZero: false)
        #expect((adjusted.low ?? -1) < 0 && (adjusted.high ?? 1) > 0)
        #expect((adjusted.high ?? 0) > (raw.high ?? .infinity) && (adjusted.low ?? 0) < (raw.low ?? 0))
        // Holm's p of 0 (p = 0) holds the comparison to α.
        #expect(StratifiedShift.level(alpha: 0.05, p: 0, adjustedP: 0) == 0.05)
    }

    @Test("The decision at 0 is the caller's: a rejected 0 is outside, a kept 0 inside, whatever the data")
    func decisionKept() {
        let strata = [Self.differences(1.5), Self.differences(1.2)]
        let rejected = StratifiedShift(strata: strata, level: 0.05, rejectsZero: true)
        #expect((rejected.low ?? -1) > 0)
        let kept = StratifiedShift(strata: strata, level: 0.05, rejectsZero: false)
        #expect((kept.low ?? -1) <= 0 && (kept.high ?? 1) >= 0)
        let negative = StratifiedShift(strata: strata.map { $0.map { -$0 } }, level: 0.05, rejectsZero: true)
        #expect((negative.high ?? 1) < 0 && negative.estimate < 0)
    }

    @Test("On many data sets, with ties and zeros, the interval excludes 0 exactly when the test rejects at its level")
    func agreesWithTheTest() {
        var random = Uniform(state: 0x9E37_79B9_7F4A_7C15)
        let next = { random.next() }
        var rejections = 0
        for _ in 0..<50 {
            let centre = (next() - 0.4) * 0.2
            let strata = (0..<3).map { _ in
                (0..<(5 + Int(next() * 40))).map { _ in
                    // A third of the users tie at 0; the rest are rounded to create ties.
                    next() < 0.33 ? 0 : ((centre + (next() - 0.5) * 0.3) * 100).rounded() / 100
                }
            }
            let level = [0.05, 0.01, 0.05 / 3][Int(next() * 3)]
            let rejects = PooledComparison(strata: strata).pValue <= level
            rejections += rejects ? 1 : 0
            let shift = StratifiedShift(strata: strata, level: level, rejectsZero: rejects)
            let containsZero = (shift.low ?? -.infinity) <= 0 && (shift.high ?? .infinity) >= 0
            #expect(containsZero != rejects, "\(strata) at level \(level)")
            #expect((shift.low ?? -.infinity) <= (shift.high ?? .infinity))
        }
        #expect(rejections > 5 && rejections < 45, "the cases no longer mix rejections and not: \(rejections)")
    }

    @Test("The linear-time statistic is exactly the direct one: midranks of the nonzero |d|, van Elteren's weights")
    func directStatistic() {
        var random = Uniform(state: 42)
        let next = { random.next() }
        for _ in 0..<100 {
            let strata = (0..<Int(1 + next() * 4)).map { _ in
                (0..<Int(next() * 60)).map { _ in next() < 0.2 ? 0 : ((next() - 0.45) * 20).rounded() / 10 }
            }
            var sum = 0.0
            var variance = 0.0
            for differences in strata {
                let nonZero = differences.filter { $0 != 0 }
                guard !nonZero.isEmpty else { continue }
                let ranks = WilcoxonSignedRank.midranks(nonZero.map(abs))
                let positive = zip(nonZero, ranks).reduce(0.0) { $0 + ($1.0 > 0 ? $1.1 : 0) }
                let n = Double(nonZero.count)
                sum += (positive - n * (n + 1) / 4) / (n + 1)
                variance += ranks.reduce(0.0) { $0 + $1 * $1 } / 4 / ((n + 1) * (n + 1))
            }
            let z = variance > 0 ? sum / variance.squareRoot() : 0
            #expect(abs(PooledComparison(strata: strata).z - z) <= 1e-12 * max(1, abs(z)), "\(strata)")
        }
    }

    @Test("Too few pairs to reject anything: no bounds; identical values: 0 with a vanishing interval")
    func degenerate() {
        let few = StratifiedShift(strata: [[0.1, 0.2]], level: 0.05, rejectsZero: false)
        #expect(few.low == nil && few.high == nil)
        let zeros = StratifiedShift(strata: [Array(repeating: 0, count: 50)], level: 0.05, rejectsZero: false)
        #expect(zeros.estimate == 0)
        #expect((zeros.low ?? -1) <= 0 && (zeros.high ?? 1) >= 0 && (zeros.high ?? 1) - (zeros.low ?? -1) < 1e-6)
        let empty = StratifiedShift(strata: [[], []], level: 0.05, rejectsZero: false)
        #expect(empty.estimate == 0 && empty.low == nil && empty.high == nil)
    }
}
