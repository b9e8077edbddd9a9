import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

@Suite("Oracle rankings")
struct OracleRankingTests {
    private static let world = TestWorlds.video
    private static let moment = TestWorlds.video.clock.duration - 1
    private static let users = (0..<200).map(UserID.init(index:))

    private static func meanUtility(_ items: [ItemID], user: UserID) -> Double {
        world.oracle.utilities(user: user, items: items, at: moment).reduce(0, +) / Double(items.count)
    }

    @Test("The oracle's top 10 beats the most popular 10 for every user")
    func beatsPopularity() {
        var counts = [Int](repeating: 0, count: Self.world.dataset.itemCount)
        for interaction in Self.world.dataset.interactions { counts[interaction.item.index] += 1 }
        let popular = counts.indices.sorted { (counts[$0], $1) > (counts[$1], $0) }.prefix(10).map(ItemID.init(index:))
        var margin = 0.0
        for user in Self.users {
            let oracle = Self.world.oracle.ranking(user: user, at: Self.moment, count: 10)
            let difference = Self.meanUtility(oracle, user: user) - Self.meanUtility(Array(popular), user: user)
            #expect(difference >= 0)
            margin += difference / Double(Self.users.count)
        }
        #expect(margin > 0.5)
    }

    @Test("A random top 10 scores the catalog's mean utility, as expected")
    func randomUtility() {
        var random = RandomSource(seed: 31)
        let catalog = Self.world.dataset.allItems
        let n = Double(catalog.count)
        let k = 10.0
        var difference = 0.0
        var variance = 0.0
        for user in Self.users {
            let utilities = Self.world.oracle.utilities(user: user, items: catalog, at: Self.moment)
            let mean = utilities.reduce(0, +) / n
            let spread = utilities.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            var order = catalog
            random.shuffle(&order)
            difference += Self.meanUtility(Array(order.prefix(10)), user: user) - mean
            // Variance of a mean of k draws without replacement.
            variance += spread / k * (n - k) / (n - 1)
        }
        #expect(abs(difference) < Fixtures.z * variance.squareRoot())
    }

    @Test("A random ranking's hit rate at 10 is its analytic expectation 1 − C(n−r,10)/C(n,10)")
    func randomHitRate() {
        var random = RandomSource(seed: 32)
        let catalog = Self.world.dataset.allItems
        let n = catalog.count
        var hits = 0.0
        var expected = 0.0
        var variance = 0.0
        for history in Self.world.dataset.historiesByUser() {
            let relevant = Set(history.map(\.item))
            var missAll = 1.0
            for index in 0..<10 { missAll *= Double(n - relevant.count - index) / Double(n - index) }
            let p = 1 - missAll
            var order = catalog
            random.shuffle(&order)
            hits += order.prefix(10).contains(where: relevant.contains) ? 1 : 0
            expected += p
            variance += p * (1 - p)
        }
        #expect(abs(hits - expected) < Fixtures.z * variance.squareRoot())
    }

    @Test("Choice probabilities and feedback distributions are proper distributions")
    func distributions() {
        let oracle = Self.world.oracle
        let slate = (0..<8).map(ItemID.init(index:))
        let choice = oracle.choiceProbabilities(user: UserID(3), slate: slate, at: 1_000)
        #expect(abs(choice.items.reduce(choice.none, +) - 1) < 1e-9)
        let ecommerce = TestWorlds.ecommerce.oracle.feedback(user: UserID(3), item: ItemID(5), at: 1_000)
        #expect(abs(ecommerce.ratings!.reduce(0, +) - 1) < 1e-9)
        #expect((1...5).contains(ecommerce.expectedValue))
        let video = oracle.feedback(user: UserID(3), item: ItemID(5), at: 1_000)
        #expect((0...1).contains(video.expectedWatchFraction!))
        #expect(video.soloChoice > 0 && video.soloChoice < 1)
    }
}
