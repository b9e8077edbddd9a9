import RecData
import Testing

@testable import Recommenders

@Suite("BPR-MF")
struct BPRTests {
    /// Fifteen users take items 0–3, fifteen take 4–7, and twenty take the popular items 8 and 9.
    private let training = BaselineFixtures.training(
        baskets: Array(repeating: [0, 1, 2, 3], count: 15) + Array(repeating: [4, 5, 6, 7], count: 15)
            + Array(repeating: [8, 9], count: 20),
        items: 10
    )

    private func fitted() throws -> BPR {
        var model = BPR(
            factors: 8, learningRate: 0.05, regularization: 0.0025, epochs: 150, foldInLambda: 1, foldInAlpha: 10)
        var random = RandomSource(seed: 5)
        try model.fit(training, validation: [], random: &random)
        return model
    }

    @Test("A new user with three of a group's items gets the fourth first, above the popular items")
    func plantedPreference() throws {
        let model = try fitted()
        let candidates = BaselineFixtures.items(10).filter { ![0, 1, 2].contains($0.index) }
        let scores = try model.adapt(to: BaselineFixtures.support([0, 1, 2]), user: UserID(99)).scores(for: candidates)
        let best = candidates[scores.indices.max { scores[$0] < scores[$1] }!]
        #expect(best == ItemID(3), "\(zip(candidates, scores).map { "\($0): \($1)" })")
        let other = try model.adapt(to: BaselineFixtures.support([5, 6, 7]), user: UserID(98)).scores(
            for: BaselineFixtures.items(10))
        #expect(other.indices.filter { ![5, 6, 7].contains($0) }.max { other[$0] < other[$1] } == 4)
    }

    @Test("Training raises the ranking of a user's own items over sampled others")
    func trainingOrdersPairs() throws {
        let items = try #require(try fitted().model)
        let user = items.user(BaselineFixtures.support([4, 5]))
        let scores = user.scores(for: BaselineFixtures.items(10))
        #expect(scores[6] > scores[0] && scores[7] > scores[1])
        #expect(user.predictedRatings(for: [ItemID(0)]) == nil)
    }
}
