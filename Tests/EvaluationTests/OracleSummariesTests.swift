import Foundation
import RecData
import Recommenders
import Synchronization
import Testing

@testable import Evaluation

@Suite("Oracle figures kept across support sizes")
struct OracleSummariesTests {
    /// A model whose ranking changes with the support size, so that each K has its own top list.
    private struct SupportSensitive: Recommender {
        let name = "support-sensitive"
        mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}
        func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
            Scores(salt: support.count * 31 + user.index)
        }
    }

    private struct Scores: Personalized {
        let salt: Int
        func scores(for candidates: [ItemID]) -> [Float] {
            candidates.map { Float((($0.index + 3) * (salt + 5)) % 23) }
        }
        func predictedRatings(for items: [ItemID]) -> [Float]? { nil }
        mutating func observe(_ feedback: [Interaction]) throws {}
    }

    /// How many items each call to the oracle asked about, in call order.
    private final class Asked: Sendable {
        let counts = Mutex<[Int]>([])
    }

    private static let metrics: [Metric] = [.oracleNDCG(k: 5), .oracleShare(k: 3), .regret(k: 5)]

    private static func run(shots: [Int], asked: Asked) throws -> [Evaluation.Measurement] {
        var config = SyntheticData.config()
        config.shots = shots
        let oracle: ColdStartOracle = { user, items, time in
            asked.counts.withLock { $0.append(items.count) }
            return items.map { sin(Double(user.index * 131 + $0.index * 17) + Double(time) * 1e-3) }
        }
        let protocolRun = ColdStartProtocol(
            dataset: SyntheticData.dataset(), config: config, random: RandomSource(seed: 4), oracleUtility: oracle)
        return try protocolRun.run(SupportSensitive(), metrics: metrics, random: RandomSource(seed: 5))
    }

    @Test("A later K's oracle figures, from the kept summary, are those measured afresh, to the bit")
    func keptEqualsFresh() throws {
        let sweepAsked = Asked()
        let sweep = try Self.run(shots: [0, 2, 4], asked: sweepAsked)
        let aloneAsked = Asked()
        let alone = try Self.run(shots: [4], asked: aloneAsked)
        let kept = sweep.filter { $0.shots == 4 }
        #expect(!alone.isEmpty)
        #expect(kept.count == alone.count)
        for (measured, fresh) in zip(kept, alone) {
            #expect(measured.metric == fresh.metric && measured.segment == fresh.segment)
            #expect(measured.value.bitPattern == fresh.value.bitPattern)
            #expect(measured.ciLow.bitPattern == fresh.ciLow.bitPattern)
            #expect(measured.ciHigh.bitPattern == fresh.ciHigh.bitPattern)
            #expect(measured.perUser.map(\.value.bitPattern) == fresh.perUser.map(\.value.bitPattern))
        }
        // Every user's candidates are asked about once; at the later K, only the top 5.
        let users = alone.first { $0.segment == "all" }?.n ?? 0
        let counts = sweepAsked.counts.withLock { $0 }
        #expect(counts.count == 3 * users)
        #expect(counts.prefix(users).allSatisfy { $0 > 5 })
        #expect(counts.dropFirst(users).allSatisfy { $0 == 5 })
    }

    @Test("A summary is found only under the user, serving moment and excluded items it was stored under")
    func keyedByCandidates() {
        let user = UserID(index: 3)
        let seen = { (items: [Int]) in
            items.map { Interaction(user: user, item: ItemID(index: $0), time: Int64($0), value: 1) }
        }
        let key = { (user: UserID, time: Int64, excluded: [Int]) in
            OracleSummaries.Key(user: user, time: time, excluded: seen(excluded))
        }
        let store = OracleSummaries()
        store.store(OracleUtilities([0.5, 0.2, 0.9], depth: 2), for: key(user, 7, [4, 1, 4]))
        // The same items excluded, in another order and without the repeat, leave the same candidates.
        let kept = store.summary(for: key(user, 7, [1, 4]))
        #expect(kept?.best == [0.9, 0.5] && kept?.minimum == 0.2)
        // Another user, moment or excluded set has other candidates or utilities: never answered from the store.
        #expect(store.summary(for: key(UserID(index: 4), 7, [1, 4])) == nil)
        #expect(store.summary(for: key(user, 8, [1, 4])) == nil)
        #expect(store.summary(for: key(user, 7, [1])) == nil)
        #expect(store.summary(for: key(user, 7, [1, 4, 5])) == nil)
        #expect(store.summary(for: key(user, 7, [])) == nil)
    }
}
