import Learning
import RecData
import Testing

@testable import Recommenders

@Suite("LinUCB")
struct LinUCBTests {
    /// Five arms, each its own category; nobody in training, rewards on a 0–1 scale.
    private func fitted(alpha: Double) throws -> LinUCB {
        var features = FeatureTable(rowCount: 5)
        features.append("arm", .categorical([0, 1, 2, 3, 4], cardinality: 5))
        let training = BaselineFixtures.training(
            baskets: [[]], items: 5, feedback: .rating(minimum: 0, maximum: 1), itemFeatures: features)
        var model = LinUCB(alpha: alpha, lambda: 1)
        var random = RandomSource(seed: 2)
        try model.fit(training, validation: [], random: &random)
        return model
    }

    private func bandit(_ model: LinUCB, support: [Interaction] = []) throws -> LinUCBUser {
        try #require(try model.adapt(to: support, user: UserID(0)) as? LinUCBUser)
    }

    @Test("The confidence width of an arm shrinks with every observation of it")
    func confidenceShrinks() throws {
        var user = try bandit(try fitted(alpha: 1))
        var widths = [user.confidenceWidths(for: [ItemID(2)])[0]]
        for step in 0..<5 {
            try user.observe([Interaction(user: UserID(0), item: ItemID(2), time: Int64(step), value: 0.5)])
            widths.append(user.confidenceWidths(for: [ItemID(2)])[0])
        }
        for (before, after) in zip(widths, widths.dropFirst()) { #expect(after < before, "\(widths)") }
        // Arm 2 and the constant share a feature with arm 0, so arm 0's width shrinks too, but less.
        let untouched = user.confidenceWidths(for: [ItemID(0)])[0]
        #expect(untouched < widths[0] && untouched > widths[5])
    }

    @Test("It finds the best arm of a planted bandit", arguments: [UInt64(1), 2, 3])
    func plantedBandit(seed: UInt64) throws {
        let means: [Float] = [0.2, 0.35, 0.8, 0.5, 0.3]
        var user = try bandit(try fitted(alpha: 0.5))
        var noise = RandomSource(seed: seed)
        var pulls = Array(repeating: 0, count: 5)
        let arms = BaselineFixtures.items(5)
        for round in 0..<300 {
            let scores = user.scores(for: arms)
            let arm = scores.indices.max { scores[$0] < scores[$1] }!
            pulls[arm] += 1
            let reward = means[arm] + Float(0.1 * noise.nextGaussian())
            try user.observe([Interaction(user: UserID(0), item: arms[arm], time: Int64(round), value: reward)])
        }
        let expected = user.expectedRewards(for: arms)
        #expect(expected.indices.max { expected[$0] < expected[$1] } == 2, "\(expected)")
        #expect(pulls[2] > 200, "\(pulls)")
    }

    @Test("θ and the widths equal a direct solve of A = λI + Σxxᵀ, before and after k reaches d", arguments: [3, 12])
    func matchesDirectSolve(observations: Int) throws {
        var user = try bandit(try fitted(alpha: 1))
        var noise = RandomSource(seed: 5)
        let arms = BaselineFixtures.items(5)
        for step in 0..<observations {
            let item = arms[noise.nextIndex(below: arms.count)]
            try user.observe([
                Interaction(user: UserID(0), item: item, time: Int64(step), value: Float(noise.nextUnit()))
            ])
        }
        let d = user.prior.vectors.width
        #expect(user.observed.count / d == observations)
        #expect((observations < d) == (observations == 3), "both the Woodbury and the dense path are covered")
        var a = Array(repeating: 0.0, count: d * d)
        for i in 0..<d { a[i * d + i] = 1 }
        for row in 0..<observations {
            let x = user.observed[(row * d)..<((row + 1) * d)].map(Double.init)
            for i in 0..<d { for j in 0..<d { a[i * d + j] += x[i] * x[j] } }
        }
        let theta = try #require(CholeskySolver.solve(a, user.b.map(Double.init)))
        for (got, expected) in zip(user.theta, theta) { #expect(abs(Double(got) - expected) < 1e-4) }
        let widths = user.confidenceWidths(for: arms)
        for (arm, width) in zip(arms, widths) {
            let x = user.prior.vectors.vector(arm).map(Double.init)
            let solved = try #require(CholeskySolver.solve(a, x))
            let expected = zip(x, solved).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot()
            #expect(abs(Double(width) - expected) < 1e-4, "arm \(arm.index): \(width) against \(expected)")
        }
    }

    @Test("The support set is observed at adaptation")
    func supportIsObserved() throws {
        let model = try fitted(alpha: 0)
        let support = [Interaction(user: UserID(0), item: ItemID(4), time: 0, value: 1)]
        let scores = try bandit(model, support: support).scores(for: BaselineFixtures.items(5))
        #expect(scores.indices.max { scores[$0] < scores[$1] } == 4)
    }
}
