import RecData
import TestSupport
import Testing

@testable import Simulation

@Suite("Oracle utilities of many items")
struct OracleUtilitiesTests {
    @Test(
        "A user's utilities of many items are each item's own utility, to the bit, with drift, seasons and freshness",
        arguments: [TestWorlds.ecommerce, TestWorlds.video, TestWorlds.news])
    func sameAsOneByOne(world: World) {
        let oracle = world.oracle
        let items = Array(world.dataset.allItems.reversed())
        let duration = oracle.clock.duration
        for user in stride(from: 0, to: oracle.userCount, by: max(1, oracle.userCount / 17)).map(UserID.init(index:)) {
            for time in [0, duration / 3, duration / 2 + 1_799, duration - 1] {
                let together = oracle.utilities(user: user, items: items, at: time)
                let alone = items.map { oracle.utility(user: user, item: $0, at: time) }
                #expect(together.map(\.bitPattern) == alone.map(\.bitPattern))
            }
        }
    }
}
