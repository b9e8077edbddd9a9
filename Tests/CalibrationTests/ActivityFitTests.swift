import Calibration
import RecData
import Simulation
import Testing

@Suite("Activity fit")
struct ActivityFitTests {
    /// Activity drawn by the simulator's own model from a known distribution, on a
    /// stream the fit does not use.
    private func activity(_ distribution: ActivityDistribution) -> [Double] {
        distribution.sampleTargets(mean: 40, minimum: 10, items: 10_000, count: 3_000, random: RandomSource(seed: 99))
            .map(Double.init)
    }

    @Test("A log-normal's family, spread, mean and floor are recovered")
    func lognormal() {
        let sample = activity(.lognormal(spread: 0.8))
        let fit = ActivityFit(activity: sample, items: 10_000, random: RandomSource(seed: 1))
        // 3 000 draws put the KS statistic's sampling noise near 1.36/√1500 ≈ 0.035 (two
        // samples of 3 000), which moves the minimum over spreads by about ±0.1.
        guard case let .lognormal(spread) = fit.distribution else {
            Issue.record("expected log-normal activity, got \(fit.distribution)")
            return
        }
        #expect(abs(spread - 0.8) <= 0.1)
        #expect(abs(fit.mean - 40) <= 1)
        // The floor is the fewest interactions observed: above the true floor when no
        // user drew (nearly) nothing above it, as a log-normal rarely does.
        #expect(fit.minimum == Int(sample.min() ?? 0))
        #expect(fit.minimum >= 10 && fit.minimum <= 13)
        #expect(fit.distance < 0.035)
    }

    @Test("A Pareto's family and tail index are recovered")
    func pareto() {
        let fit = ActivityFit(activity: activity(.pareto(tailIndex: 2.5)), items: 10_000, random: RandomSource(seed: 1))
        guard case let .pareto(tail) = fit.distribution else {
            Issue.record("expected Pareto activity, got \(fit.distribution)")
            return
        }
        // The tail index is less sharply identified than a log-normal spread (its
        // effect is in the few heaviest users): ±0.5.
        #expect(abs(tail - 2.5) <= 0.5)
    }
}
