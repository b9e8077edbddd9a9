import RecData
import Testing

@testable import Evaluation

@Suite("Two-sample bootstrap of a difference of means")
struct DifferenceIntervalTests {
    @Test(
        "The width matches the normal theory of two independent means, 2·1.96·σ·√(1/n + 1/m); a shift moves the interval by it"
    )
    func width() {
        var random = RandomSource(seed: 3)
        let first = (0..<400).map { _ in random.nextGaussian() }
        let second = (0..<100).map { _ in random.nextGaussian() }
        let interval = Bootstrap.differenceInterval(
            of: first, minus: second, resamples: 2000, random: RandomSource(seed: 4))
        let expected = 2 * 1.96 * (1.0 / 400 + 1.0 / 100).squareRoot()
        #expect(abs((interval.high - interval.low) - expected) < 0.15 * expected)
        #expect(interval.low < 0 && 0 < interval.high, "two samples of one distribution")
        let shifted = Bootstrap.differenceInterval(
            of: first.map { $0 + 1 }, minus: second, resamples: 2000, random: RandomSource(seed: 4))
        #expect(abs(shifted.low - (interval.low + 1)) < 1e-9 && abs(shifted.high - (interval.high + 1)) < 1e-9)
        #expect(
            Bootstrap.differenceInterval(of: [], minus: second, resamples: 10, random: RandomSource(seed: 1)) == (0, 0))
    }

    @Test("The transfer gap is positive when the shifted users are served worse, for either direction of metric")
    func gapSign() throws {
        let users = { (values: [Double]) in
            values.enumerated().map { UserValue(user: UserID(index: $0.offset), value: $0.element) }
        }
        let ndcg = try #require(
            TransferProtocol.gap(
                .ndcg(k: 10), inside: users([0.5, 0.7]), outside: users([0.2, 0.4]), shots: 3, resamples: 100,
                random: RandomSource(seed: 1)))
        #expect(
            abs(ndcg.value - 0.3) < 1e-12 && ndcg.segment == TransferProtocol.gapSegment && ndcg.n == 4
                && ndcg.perUser.isEmpty)
        let regret = try #require(
            TransferProtocol.gap(
                .regret(k: 10), inside: users([1, 2]), outside: users([4, 5]), shots: 3, resamples: 100,
                random: RandomSource(seed: 1)))
        #expect(abs(regret.value - 3) < 1e-12)
        #expect(regret.ciLow <= regret.value && regret.value <= regret.ciHigh)
    }
}
