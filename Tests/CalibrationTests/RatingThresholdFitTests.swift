import Calibration
import Foundation
import Testing

@Suite("Rating threshold fit")
struct RatingThresholdFitTests {
    /// Shares of ratings 1…5 when a Normal(μ, σ²) latent is cut at `thresholds`.
    private func shares(_ thresholds: [Double], mu: Double, sigma: Double) -> [Double] {
        let cumulative = thresholds.map { 0.5 * erfc(-(($0 - mu) / sigma) / 2.0.squareRoot()) } + [1]
        return cumulative.enumerated().map { $0.element - ($0.offset == 0 ? 0 : cumulative[$0.offset - 1]) }
    }

    @Test("With a normal latent one step lands on the thresholds that give the target shares")
    func normalLatent() {
        let current = [-1.0, -0.3, 0.3, 1.0]
        let wanted = [-0.5, 0.2, 0.9, 1.8]
        let step = RatingThresholdFit.step(
            thresholds: current, simulated: shares(current, mu: 0.5, sigma: 1.2), simulatedCount: 1_000_000_000,
            target: shares(wanted, mu: 0.5, sigma: 1.2), targetCount: 1_000_000_000
        )
        for (value, expected) in zip(step, wanted) { #expect(abs(value - expected) < 1e-5) }
    }

    @Test("A rating the target never uses still gets increasing thresholds")
    func emptyRating() {
        let current = [-1.0, -0.3, 0.3, 1.0]
        let step = RatingThresholdFit.step(
            thresholds: current, simulated: shares(current, mu: 0, sigma: 1), simulatedCount: 10_000,
            target: [0.2, 0, 0.3, 0.3, 0.2], targetCount: 10_000
        )
        #expect(zip(step, step.dropFirst()).allSatisfy { $1 - $0 >= RatingThresholdFit.minimumGap - 1e-12 })
    }
}
