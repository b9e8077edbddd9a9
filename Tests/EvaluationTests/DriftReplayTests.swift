import Testing

@testable import Evaluation
@testable import RecData
@testable import Recommenders

/// Recommends the item two ids after the last one it has seen its user take, when it
/// remembers what it observes.
private struct Follower: Recommender {
    let name = "follower"
    let remembers: Bool

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        Scores(last: support.last?.item.index ?? -10, remembers: remembers)
    }

    struct Scores: Personalized {
        var last: Int
        let remembers: Bool
        func scores(for candidates: [ItemID]) -> [Float] { candidates.map { $0.index == last + 2 ? 10 : 0 } }
        func predictedRatings(for items: [ItemID]) -> [Float]? { nil }
        mutating func observe(_ feedback: [Interaction]) throws {
            if remembers, let item = feedback.last?.item { last = item.index }
        }
    }
}

@Suite("Drift protocol replaying a real log")
struct DriftReplayTests {
    /// Ten users with the same history over a clock from 0 to 999: item 0 at 0 (before the
    /// warm-up ends at 600), item 2 at 700 (window 0), items 4 at 900 and 5 at 999 (window 1).
    private static let dataset: Dataset = {
        let interactions = (0..<10).flatMap { user in
            [(0, 0), (2, 700), (4, 900), (5, 999)].map { item, time in
                Interaction(user: UserID(index: user), item: ItemID(index: item), time: Int64(time), value: 4)
            }
        }
        return Dataset(
            name: "log", users: FeatureTable(rowCount: 10), items: FeatureTable(rowCount: 6),
            interactions: interactions, feedback: .rating(minimum: 1, maximum: 5))
    }()

    private static var config: DriftConfig {
        var config = DriftConfig()
        config.windows = 2
        config.warmup = 0.6
        config.split = SplitFractions(train: 0.5, validation: 0.2, test: 0.3)
        config.metrics = [.hitRate(k: 1), .recall(k: 1), .reciprocalRank(k: nil)]
        config.bootstrapResamples = 20
        return config
    }

    private func values(_ outcome: DriftOutcome, _ metric: Metric) -> [Double] {
        outcome.measurements.filter { $0.metric == metric }.sorted { ($0.window ?? 0) < ($1.window ?? 0) }.map(\.value)
    }

    @Test("Windows run from the first to the last logged time; there are no shifts")
    func windows() {
        let drift = DriftProtocol(replaying: Self.dataset, config: Self.config, random: RandomSource(seed: 1))
        #expect(drift.windows == [600..<800, 800..<1000])
        #expect(drift.shiftWindows.isEmpty)
        #expect(drift.servedUsers(inWindow: 0) == drift.split.test.sorted())
        #expect(drift.training.histories.allSatisfy { $0.map(\.item) == [ItemID(0)] })
    }

    @Test("Each window is scored against the held-out interactions, then observed")
    func scoredThenObserved() throws {
        let drift = DriftProtocol(replaying: Self.dataset, config: Self.config, random: RandomSource(seed: 1))
        let outcome = try drift.run(Follower(remembers: true), random: RandomSource(seed: 2))
        // Window 0: the support (item 0) points at item 2, the only relevant item: rank 1.
        // Window 1: having observed item 2 it points at item 4; items 4 and 5 are relevant,
        // ranked 1st and 4th among the unconsumed 1, 3, 4, 5.
        #expect(values(outcome, .hitRate(k: 1)) == [1, 1])
        #expect(values(outcome, .recall(k: 1)) == [1, 0.5])
        #expect(values(outcome, .reciprocalRank(k: nil)) == [1, 1])
        #expect(outcome.measurements.allSatisfy { $0.n == 3 && $0.protocolName == "drift" })
        let summary = try #require(outcome.summaries.first { $0.metric == .hitRate(k: 1) })
        #expect(summary.oracleCurve.isEmpty && summary.summary.cumulativeRegret == nil)
    }

    @Test("A model that does not observe falls behind: the replay's answers come from the log alone")
    func withoutObserving() throws {
        let drift = DriftProtocol(replaying: Self.dataset, config: Self.config, random: RandomSource(seed: 1))
        let outcome = try drift.run(Follower(remembers: false), random: RandomSource(seed: 2))
        // Window 1: it still points at item 2, consumed, so ties rank 1, 3, 4, 5: relevant at 3 and 4.
        #expect(values(outcome, .hitRate(k: 1)) == [1, 0])
        #expect(values(outcome, .recall(k: 1)) == [1, 0])
        #expect(values(outcome, .reciprocalRank(k: nil)) == [1, 1.0 / 3])
    }

    @Test("Refits use only what was logged before the window")
    func refits() throws {
        var config = Self.config
        config.retrainEvery = 1
        let drift = DriftProtocol(replaying: Self.dataset, config: config, random: RandomSource(seed: 1))
        let outcome = try drift.run(Follower(remembers: true), random: RandomSource(seed: 2))
        // After the refit before window 1 the model is adapted again on the support plus the
        // observed window 0 (last item 2), so it ranks as the online model does.
        #expect(values(outcome, .recall(k: 1)) == [1, 0.5])
    }
}
