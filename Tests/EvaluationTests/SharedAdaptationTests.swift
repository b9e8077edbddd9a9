import Foundation
import RecData
import Recommenders
import Testing

@testable import Evaluation

/// MeLU's partitions adapt a user once for both item kinds when the model's adapted users
/// are reusable and the supports are the same; the figures are those of separate
/// adaptations, and each partition's cost rows still count every one of its users.
@Suite("Cold-start protocol: one adaptation for both item kinds")
struct SharedAdaptationTests {
    /// The partitions' world: items 10–14 arrive half-way through the log.
    private static let arrivals = ColdStartPartitionsTests.arrivals

    /// Cost-measuring settings with MeLU's partitions cut half-way through the log.
    static func partitioned(shots: [Int], split: SplitFractions, order: SupportOrder = .chronological)
        -> ColdStartConfig
    {
        var config = ColdStartConfig()
        config.shots = shots
        config.split = split
        config.minimumQuery = 2
        config.bootstrapResamples = 20
        config.supportOrder = order
        config.measuresCost = true
        var partitions = PartitionConfig()
        partitions.cutoffShare = 0.5
        config.partitions = partitions
        return config
    }

    private static func config(order: SupportOrder) -> ColdStartConfig {
        partitioned(shots: [0, 1, 3], split: SplitFractions(train: 0.5, validation: 0.2, test: 0.3), order: order)
    }

    /// A spy whose users are reusable: it logs every adaptation and every unscored copy.
    private struct ReusableSpy: Recommender {
        let name = "spy"
        let log: SpyLog
        let copies: CopyLog
        var score: @Sendable (UserID, ItemID) -> Float = { user, item in Float((item.index * 7 + user.index) % 11) }

        mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

        func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
            log.adaptations.append((user, support))
            return ReusableScores(
                scores: SpyScores(user: user, log: log, score: score, dropScore: false), copies: copies)
        }
    }

    /// Counts the unscored copies made.
    private final class CopyLog {
        var count = 0
    }

    private struct ReusableScores: ReusablePersonalized {
        let scores: SpyScores
        let copies: CopyLog

        func scores(for candidates: [ItemID]) -> [Float] { scores.scores(for: candidates) }
        func predictedRatings(for items: [ItemID]) -> [Float]? { scores.predictedRatings(for: items) }
        mutating func observe(_ feedback: [Interaction]) throws {}
        func unscoredCopy() -> ReusableScores {
            copies.count += 1
            return self
        }
    }

    private static let metrics: [Metric] = [.ndcg(k: 5), .hitRate(k: 5), .mae]

    /// The rows that do not measure wall time, which runs never repeat.
    private static func figures(_ measurements: [Evaluation.Measurement]) -> [Evaluation.Measurement] {
        measurements.filter { !$0.metric.isMeasured }
    }

    @Test(
        "a user of both item kinds is adapted once per support size, with the same figures as two adaptations",
        arguments: [SupportOrder.chronological, .random])
    func adaptedOnce(order: SupportOrder) throws {
        let protocolRun = ColdStartProtocol(
            dataset: Self.arrivals, config: Self.config(order: order), random: RandomSource(seed: 1))
        let partitions = try #require(protocolRun.partitions)
        let separateLog = SpyLog()
        let separate = try protocolRun.run(
            SpyRecommender(log: separateLog, score: { user, item in Float((item.index * 7 + user.index) % 11) }),
            metrics: Self.metrics, random: RandomSource(seed: 2))
        let sharedLog = SpyLog()
        let copies = CopyLog()
        let shared = try protocolRun.run(
            ReusableSpy(log: sharedLog, copies: copies), metrics: Self.metrics, random: RandomSource(seed: 2))
        #expect(Self.figures(shared) == Self.figures(separate))

        // The users both item kinds of one user population measure, and the adaptations saved.
        func users(_ partition: Partition) -> Set<UserID> { Set(partitions.evaluatedUsers[partition] ?? []) }
        let both =
            users(.warmState).intersection(users(.itemCold)).count
            + users(.userCold).intersection(users(.userItemCold)).count
        #expect(both > 0)
        let sweep = Self.config(order: order).shots.count
        #expect(separateLog.adaptations.count - sharedLog.adaptations.count == both * sweep)
        #expect(copies.count == both * sweep)
        // No user is adapted twice to one support by the partitioned model: the plain
        // protocol's adaptations (its test users at every K) come first.
        let plain = protocolRun.evaluatedUsers.count * sweep
        let partitioned = sharedLog.adaptations.dropFirst(plain).map { "\($0.user) \($0.support)" }
        #expect(Set(partitioned).count == partitioned.count)
        // Each partition's cost rows still count all of its users.
        for partition in Partition.allCases {
            for shots in Self.config(order: order).shots {
                let latency = try #require(
                    shared.first {
                        $0.protocolName == partition.protocolName && $0.shots == shots
                            && $0.metric == .adaptationLatency(percentile: 50)
                    })
                #expect(latency.n == users(partition).count, "\(partition) \(shots)")
            }
        }
    }

    /// The reusable spy with users that, adapted to nothing, are served by their profile:
    /// the user's index modulo 3, which is all its scores read.
    private struct ProfileSpy: Recommender, EmptySupportProfiles {
        var spy: ReusableSpy
        var name: String { spy.name }

        static let score: @Sendable (UserID, ItemID) -> Float = { user, item in
            Float((item.index * 7 + user.index % 3) % 11)
        }

        mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

        func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
            try spy.adapt(to: support, user: user)
        }

        func emptySupportProfile(of user: UserID) -> [UInt32]? { [UInt32(user.index % 3)] }
    }

    @Test("at K = 0 a model that names its users' profiles is adapted once per profile, with the same figures")
    func oncePerProfile() throws {
        let config = Self.config(order: .chronological)
        let protocolRun = ColdStartProtocol(dataset: Self.arrivals, config: config, random: RandomSource(seed: 1))
        let partitions = try #require(protocolRun.partitions)
        let separateLog = SpyLog()
        let separate = try protocolRun.run(
            SpyRecommender(log: separateLog, score: ProfileSpy.score), metrics: Self.metrics,
            random: RandomSource(seed: 2))
        let sharedLog = SpyLog()
        let model = ProfileSpy(spy: ReusableSpy(log: sharedLog, copies: CopyLog(), score: ProfileSpy.score))
        let shared = try protocolRun.run(model, metrics: Self.metrics, random: RandomSource(seed: 2))
        #expect(Self.figures(shared) == Self.figures(separate))

        // One adaptation to nothing per profile of the plain protocol's users, and one per
        // profile of the partitions' users; the others are as many as before.
        let profiles = { (users: [UserID]) in Set(users.map { $0.index % 3 }).count }
        let partitionUsers = Partition.allCases.flatMap { partitions.evaluatedUsers[$0] ?? [] }
        let empty = sharedLog.adaptations.filter(\.support.isEmpty).count
        #expect(empty == profiles(protocolRun.evaluatedUsers) + profiles(partitionUsers))
        #expect(empty < separateLog.adaptations.filter(\.support.isEmpty).count)
        #expect(
            sharedLog.adaptations.filter { !$0.support.isEmpty }.count
                < separateLog.adaptations.filter { !$0.support.isEmpty }.count)
        let latency = try #require(
            shared.first {
                $0.protocolName == Partition.warmState.protocolName && $0.shots == 0
                    && $0.metric == .adaptationLatency(percentile: 50)
            })
        #expect(latency.n == partitions.evaluatedUsers[.warmState]?.count)
    }

    /// A task of `user` with `support`, whose query rates item 3 a 5.
    private func task(_ user: Int, support: [Int]) -> UserTask {
        UserTask(
            user: UserID(index: user),
            support: support.map {
                Interaction(user: UserID(index: user), item: ItemID(index: $0), time: Int64($0), value: 4)
            },
            query: [Interaction(user: UserID(index: user), item: ItemID(index: 3), time: 50, value: 5)])
    }

    @Test("a later ranking that gives the user another support set adapts them again")
    func differentSupport() throws {
        let config = Self.config(order: .chronological)
        let evaluator = UserEvaluator(
            dataset: Self.arrivals, config: config, catalog: Self.arrivals.allItems, sampledRankings: [],
            metrics: Self.metrics,
            popularity: ItemPopularity(histories: [], itemCount: Self.arrivals.itemCount),
            features: ItemFeatureVectors(table: Self.arrivals.items), oracleUtility: nil, lifespans: nil,
            negatives: RandomSource(seed: 4))
        let first = [task(0, support: [1, 2]), task(1, support: [4])]
        let second = [task(1, support: [4]), task(0, support: [2, 1]), task(2, support: [])]
        let rankings = [first, second].map {
            SharedAdaptation.Ranking(evaluator: evaluator, tasks: $0, consumed: $0.map(\.support))
        }
        let log = SpyLog()
        let copies = CopyLog()
        let model = ReusableSpy(log: log, copies: copies)
        var costs = rankings.map { _ in AdaptationCost(fitSeconds: 0, model: model) }
        let outcomes = try SharedAdaptation.outcomes(of: model, on: rankings, costs: &costs)
        // User 1 is shared; user 0's supports hold the same items in another order, so
        // they are adapted again, as is user 2, whom only the second ranking holds.
        #expect(log.adaptations.map(\.user.index) == [0, 1, 0, 2])
        #expect(copies.count == 1)
        #expect(outcomes.map { $0.map(\.user.index) } == [[0, 1], [1, 0, 2]])
        #expect(costs.map(\.adaptationSeconds.count) == [2, 3])
        #expect(costs[1].adaptationSeconds[0] == costs[0].adaptationSeconds[1])

        // A model whose users are not reusable is adapted once per ranking.
        let separateLog = SpyLog()
        let separate = SpyRecommender(log: separateLog)
        var separateCosts = rankings.map { _ in AdaptationCost(fitSeconds: 0, model: separate) }
        _ = try SharedAdaptation.outcomes(of: separate, on: rankings, costs: &separateCosts)
        #expect(separateLog.adaptations.map(\.user.index) == [0, 1, 1, 0, 2])
    }
}
