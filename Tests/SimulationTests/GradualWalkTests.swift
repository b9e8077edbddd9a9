import Foundation
import RecData
import Testing

@testable import Simulation

/// The gradual walk drawn by anchors and bridges has the law of the step-by-step
/// Ornstein–Uhlenbeck walk, and the same path whichever steps are asked for.
@Suite("Gradual walk")
struct GradualWalkTests {
    /// strength 0.5, reversion 10 days, daily steps: a = e^(−1/10).
    static let process: GradualDrift = {
        var config = GradualDriftConfig()
        config.strength = 0.5
        config.reversionDays = 10
        return GradualDrift(config: config, random: RandomSource(seed: 9))
    }()

    @Test("A step's offset does not depend on the steps asked for before it")
    func pathIndependence() {
        for user in 0..<50 {
            var stepwise = GradualWalk(process: Self.process, user: user, dimension: 5)
            var jumping = GradualWalk(process: Self.process, user: user, dimension: 5)
            for step in 1...40 {
                stepwise.advance(to: step, process: Self.process)
                if step % 7 == 3 || step == 40 {
                    jumping.advance(to: step, process: Self.process)
                    #expect(jumping.offset == stepwise.offset, "user \(user), step \(step)")
                }
            }
        }
    }

    @Test("Variances and lag-one covariances match the step-by-step walk, inside blocks and across anchors")
    func law() {
        let users = 20_000
        let dimension = 2
        let steps = 14
        let a = exp(-0.1)
        let variance = 0.25
        var values = [[Double]](repeating: [], count: steps + 1)
        for user in 0..<users {
            var walk = GradualWalk(process: Self.process, user: user, dimension: dimension)
            for step in 1...steps {
                walk.advance(to: step, process: Self.process)
                values[step] += walk.offset.map(Double.init)
            }
        }
        let n = Double(users * dimension)
        for step in 1...steps {
            // Var(o_k) = strength²·(1 − a^{2k}); a squared Normal(0, v) has variance 2v².
            let expected = variance * (1 - pow(a, 2 * Double(step)))
            let observed = values[step].reduce(0) { $0 + $1 * $1 } / n
            #expect(abs(observed - expected) < Fixtures.z * expected * (2 / n).squareRoot(), "step \(step)")
            guard step > 1 else { continue }
            // Cov(o_k, o_{k−1}) = a·Var(o_{k−1}); the product of two such Normals has
            // variance at most Var(o_k)·Var(o_{k−1}) + Cov², under 2·Var(o_k)·Var(o_{k−1}).
            let previous = variance * (1 - pow(a, 2 * Double(step - 1)))
            let covariance = zip(values[step], values[step - 1]).reduce(0) { $0 + $1.0 * $1.1 } / n
            #expect(
                abs(covariance - a * previous) < Fixtures.z * (2 * expected * previous / n).squareRoot(), "step \(step)"
            )
        }
    }
}
