import Evaluation
import Foundation
import RecData
import Recommenders
import Simulation
import Testing

@testable import Experiments

/// Serves, in every round, the items of highest true utility at the moment the protocol
/// serves the user: the oracle's own slate. A test-only model; it learns each round's
/// moment from the protocol's schedule and counts the slates it has ranked.
private struct OracleServer: Recommender {
    let name = "oracle-server"
    let environment: any DriftEnvironment
    let schedule: @Sendable (UserID) -> [Int64]

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        Scores(user: user, environment: environment, times: schedule(user), round: RoundCounter())
    }

    final class RoundCounter {
        var next = 0
    }

    struct Scores: Personalized {
        let user: UserID
        let environment: any DriftEnvironment
        let times: [Int64]
        let round: RoundCounter

        func scores(for candidates: [ItemID]) -> [Float] {
            defer { round.next += 1 }
            return environment.utilities(user: user, items: candidates, at: times[round.next]).map(Float.init)
        }

        func predictedRatings(for items: [ItemID]) -> [Float]? { nil }
        mutating func observe(_ feedback: [Interaction]) throws {}
    }
}

/// Forwards to a world's environment and records, per user, the utilities of every pool the
/// protocol asked about (once per served slate).
private final class RecordingEnvironment: DriftEnvironment, @unchecked Sendable {
    let wrapped: any DriftEnvironment
    private let lock = NSLock()
    private(set) var pools = [UserID: [[Double]]]()

    init(_ wrapped: any DriftEnvironment) {
        self.wrapped = wrapped
    }

    var clockEnd: Int64 { wrapped.clockEnd }
    var shiftEvents: [DriftShiftEvent] { wrapped.shiftEvents }
    func candidates(at time: Int64) -> [ItemID] { wrapped.candidates(at: time) }

    func utilities(user: UserID, items: [ItemID], at time: Int64) -> [Double] {
        let utilities = wrapped.utilities(user: user, items: items, at: time)
        lock.lock()
        pools[user, default: []].append(utilities)
        lock.unlock()
        return utilities
    }

    func acceptance(user: UserID, slate: [ItemID], at time: Int64) -> Double {
        wrapped.acceptance(user: user, slate: slate, at: time)
    }

    func respond(user: UserID, slate: [ItemID], at time: Int64, random: inout RandomSource) -> Interaction? {
        wrapped.respond(user: user, slate: slate, at: time, random: &random)
    }
}

@Suite("Onboarding protocol: known answers")
struct OnboardingKnownAnswerTests {
    /// A small e-commerce world whose catalog does not churn, so a random model's slate is a
    /// uniform draw from the unseen items each round.
    private static func world(family: String = "ecommerce", seed: UInt64 = 3) throws -> World {
        let spec = try ScenarioFiles().load(
            """
            name: onboarding-world
            family: \(family)
            seeds: [\(seed)]
            world:
              users: 400
              items: 150
              interactions_per_user: 20
              min_interactions_per_user: 14
            models: [random]
            """)
        return try #require(spec.world).generate(seed: seed)
    }

    private static func config(shots: [Int] = [0], rounds: Int = 6) -> OnboardingConfig {
        var config = OnboardingConfig()
        config.shots = shots
        config.rounds = rounds
        config.metrics = [.hitRate(k: 10), .oracleNDCG(k: 10), .regret(k: 10)]
        config.bootstrapResamples = 400
        return config
    }

    @Test(
        "A model serving the oracle's slate has zero regret and oracle nDCG 1 in every round, for every user, at every K"
    )
    func oracleHasNoRegret() throws {
        let world = try Self.world()
        let environment = WorldDriftEnvironment(world: world)
        let onboarding = OnboardingProtocol(
            dataset: world.dataset, environment: environment, config: Self.config(shots: [0, 3]),
            random: RandomSource(seed: 9)
        )
        #expect(onboarding.evaluatedUsers.count > 50)
        let model = OracleServer(environment: environment) { onboarding.servingTimes(of: $0) }
        let outcome = try onboarding.run(model, random: RandomSource(seed: 1))
        let regret = outcome.measurements.filter { $0.metric == .regret(k: 10) }
        #expect(regret.count == 2 * 6)
        #expect(regret.allSatisfy { $0.perUser.count == onboarding.evaluatedUsers.count })
        #expect(regret.flatMap(\.perUser).allSatisfy { $0.value == 0 })
        let ndcg = outcome.measurements.filter { $0.metric == .oracleNDCG(k: 10) }
        #expect(ndcg.flatMap(\.perUser).allSatisfy { abs($0.value - 1) < 1e-12 })
        let summaries = outcome.summaries.filter { $0.metric == .regret(k: 10) }
        #expect(summaries.map(\.cumulativeRegret) == [0, 0])
        #expect(outcome.summaries.filter { $0.metric == .oracleNDCG(k: 10) }.allSatisfy { $0.reach?.round == 1 })
    }

    @Test("random's cumulative regret matches the expected regret of a uniformly random slate, within its interval")
    func randomMatchesItsExpectation() throws {
        let world = try Self.world()
        let environment = RecordingEnvironment(WorldDriftEnvironment(world: world))
        let config = Self.config()
        let onboarding = OnboardingProtocol(
            dataset: world.dataset, environment: environment, config: config, random: RandomSource(seed: 9))
        let outcome = try onboarding.run(RandomRecommender(seed: 5), random: RandomSource(seed: 2))
        let k = 10
        // E[regret@k] of a uniform slate from a pool = (sum of the pool's k best) − k × (the pool's mean).
        let expected =
            onboarding.evaluatedUsers.map { user in
                let pools = environment.pools[user] ?? []
                #expect(pools.count == config.rounds)
                return pools.reduce(0.0) { total, utilities in
                    let best = utilities.sorted(by: >).prefix(k).reduce(0, +)
                    return total + best - Double(k) * utilities.reduce(0, +) / Double(utilities.count)
                }
            }.reduce(0, +) / Double(onboarding.evaluatedUsers.count)
        let summary = try #require(outcome.summaries.first { $0.metric == .regret(k: 10) })
        #expect(
            summary.cumulativeRegretLow <= expected && expected <= summary.cumulativeRegretHigh,
            "expected \(expected), measured \(summary.cumulativeRegret) [\(summary.cumulativeRegretLow), \(summary.cumulativeRegretHigh)]"
        )
        #expect(summary.cumulativeRegret > 1, "a random slate loses utility every round")
        #expect(summary.reach == nil)
        let ndcg = try #require(outcome.summaries.first { $0.metric == .oracleNDCG(k: 10) })
        #expect(ndcg.reach?.round == nil, "random never reaches 90 % of the oracle's nDCG")
    }

    @Test(
        "Answers are common random numbers: two runs of the oracle's slates under different cell streams see the same choices"
    )
    func commonRandomNumbers() throws {
        let world = try Self.world()
        let environment = WorldDriftEnvironment(world: world)
        let onboarding = OnboardingProtocol(
            dataset: world.dataset, environment: environment, config: Self.config(), random: RandomSource(seed: 9))
        let model = OracleServer(environment: environment) { onboarding.servingTimes(of: $0) }
        let first = try onboarding.run(model, random: RandomSource(seed: 1))
        let second = try onboarding.run(model, random: RandomSource(seed: 77))
        let hits = { (outcome: OnboardingOutcome) in
            outcome.measurements.filter { $0.metric == .hitRate(k: 10) }.map(\.perUser)
        }
        #expect(hits(first) == hits(second))
        #expect(hits(first).joined().contains { $0.value == 1 } && hits(first).joined().contains { $0.value == 0 })
    }

    @Test("Every world family supports the protocol", arguments: ["ecommerce", "video", "news"])
    func everyFamily(family: String) throws {
        let world = try Self.world(family: family, seed: 4)
        let onboarding = OnboardingProtocol(
            dataset: world.dataset, environment: WorldDriftEnvironment(world: world), config: Self.config(rounds: 3),
            random: RandomSource(seed: 1)
        )
        let outcome = try onboarding.run(PopularityRecommender(), random: RandomSource(seed: 1))
        let rounds = Set(outcome.measurements.compactMap(\.round))
        #expect(rounds == [1, 2, 3])
        #expect(outcome.measurements.allSatisfy { $0.protocolName == "onboarding" && $0.shots == 0 && $0.n > 0 })
    }
}
