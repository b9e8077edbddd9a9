import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

@Suite("News world")
struct NewsWorldTests {
    @Test("An article's freshness halves every half-life")
    func halfLife() {
        var config = TestWorlds.newsConfig
        config.drift = []
        config.halfLifeHours = 6
        config.freshnessWeight = 2
        let world = WorldConfig.news(config).generate(seed: 3, threads: 2)
        let oracle = world.oracle
        let halfLife = WorldClock.seconds(hours: 6)
        for index in [100, 700, 1_200] {
            let item = ItemID(index: index)
            let published = oracle.publishTime(of: item)!
            let utility = (0...3).map {
                oracle.utility(user: UserID(4), item: item, at: published + Int64($0) * halfLife)
            }
            let drops = zip(utility, utility.dropFirst()).map { $0 - $1 }
            #expect(abs(drops[0] - 1) < 1e-4)
            #expect(abs(drops[1] / drops[0] - 0.5) < 1e-3)
            #expect(abs(drops[2] / drops[1] - 0.5) < 1e-3)
        }
    }

    @Test("Articles are chosen only while live, and fresher ones more often than their share")
    func lifetime() {
        let world = TestWorlds.news
        let lifetime = WorldClock.seconds(hours: TestWorlds.newsConfig.lifetimeHours)
        var chosenAge = 0.0
        for interaction in world.dataset.interactions {
            let published = world.oracle.publishTime(of: interaction.item)!
            #expect(published <= interaction.time && interaction.time < published + lifetime)
            chosenAge += Double(interaction.time - published)
        }
        chosenAge /= Double(world.dataset.interactions.count)
        // Live articles' ages are about uniform over the lifetime.
        #expect(chosenAge < 0.4 * Double(lifetime))
        #expect(world.dataset.items.schema.map(\.name) == ["topic", "source", "publish_time"])
        #expect(world.dataset.feedback == .implicit)
    }
}
