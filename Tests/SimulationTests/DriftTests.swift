import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

/// Drift processes move the truth by the configured amount at the configured time.
@Suite("Drift processes")
struct DriftTests {
    /// A small e-commerce world with the given drift and little behaviour (the tests
    /// look at the oracle, not at the log).
    static func world(_ drift: [DriftProcess], users: Int = 400, days: Double = 30, seed: UInt64 = 5) -> World {
        var config = EcommerceWorldConfig()
        config.common.resize(users: users, items: 200, interactionsPerUser: 6, minimumInteractions: 3)
        config.categories = 5
        config.days = days
        config.seasonal.share = 0
        config.drift = drift
        return WorldConfig.ecommerce(config).generate(seed: seed, threads: 2)
    }

    static func seconds(days: Double) -> Int64 { WorldClock.seconds(days: days) }

    @Test("A gradual walk moves preferences by strength²·(1 − e^(−2Δ/τ)) per component, from its start")
    func gradual() {
        var config = GradualDriftConfig()
        config.strength = 0.5
        config.reversionDays = 10
        config.stepHours = 24
        config.startDay = 2
        let world = Self.world([.gradual(config)], users: 2_000)
        let oracle = world.oracle
        let start = Self.seconds(days: 2)
        for elapsedDays in [5.0, 20.0] {
            var squares = 0.0
            var count = 0.0
            for user in (0..<2_000).map(UserID.init(index:)) {
                let before = oracle.preference(of: user, at: 0)
                #expect(oracle.preference(of: user, at: start + Self.seconds(days: 1) - 1) == before)
                let after = oracle.preference(of: user, at: start + Self.seconds(days: elapsedDays))
                for (a, b) in zip(before, after) {
                    squares += Double((b - a) * (b - a))
                    count += 1
                }
            }
            let expected = 0.25 * (1 - exp(-2 * elapsedDays / 10))
            // A squared Normal(0, v) component has variance 2v².
            #expect(abs(squares / count - expected) < Fixtures.z * expected * (2 / count).squareRoot())
        }
    }

    @Test("A sudden switch changes the configured share of users exactly at its moment, and records them")
    func sudden() throws {
        let world = Self.world([.sudden(SuddenDriftConfig(atDay: 10, share: 0.3))], users: 2_000)
        let moment = Self.seconds(days: 10)
        var switched = [UserID]()
        for user in (0..<2_000).map(UserID.init(index:)) {
            let before = world.oracle.preference(of: user, at: moment - 1)
            #expect(before == world.oracle.preference(of: user, at: 0))
            if world.oracle.preference(of: user, at: moment) != before { switched.append(user) }
        }
        let event = try #require(world.shiftEvents.first { $0.kind == .sudden })
        #expect(event.start == moment && event.end == moment)
        #expect(event.users == switched)
        let share = Double(switched.count) / 2_000
        #expect(abs(share - 0.3) < Fixtures.z * (0.3 * 0.7 / 2_000).squareRoot())
    }

    @Test("Reinforcement closes the configured share of the gap to each consumed item")
    func reinforcement() throws {
        var config = ReinforcementConfig()
        config.strength = 0.2
        let world = Self.world([.reinforcement(config)])
        let log = world.log.allChoices(dataset: world.dataset)
        for choice in log.prefix(50) {
            let event = choice.interaction
            let before = world.oracle.preference(of: event.user, at: event.time)
            let after = world.oracle.preference(of: event.user, at: event.time + 1)
            let item = world.oracle.itemVectors[(event.item.index * 8)..<((event.item.index + 1) * 8)]
            for (d, value) in item.enumerated() {
                #expect(abs(after[d] - (before[d] + 0.2 * (value - before[d]))) < 1e-5)
            }
        }
        #expect(log.count > 50)
    }

    @Test("Periodic drift swings a group's utility by the configured amplitude, from its start")
    func periodic() {
        var config = PeriodicDriftConfig()
        config.amplitude = 0.5
        config.periodDays = 7
        config.startDay = 3
        let world = Self.world([.periodic(config)])
        let user = UserID(0)
        let item = ItemID(0)
        let atStart = world.oracle.utility(user: user, item: item, at: Self.seconds(days: 3))
        #expect(world.oracle.utility(user: user, item: item, at: 0) == atStart)
        let hourly = (0..<(7 * 24)).map {
            world.oracle.utility(user: user, item: item, at: Self.seconds(days: 3) + Int64($0) * 3_600)
        }
        let swing = (hourly.max()! - hourly.min()!) / 2
        #expect(abs(swing - 0.5) < 0.005)
    }

    @Test("A burst lifts its group by the configured lift while it lasts")
    func burst() throws {
        var config = BurstDriftConfig()
        config.ratePerDay = 0.3
        config.lift = 1.25
        config.durationHours = 30
        let world = Self.world([.burst(config)])
        let bursts = world.shiftEvents.filter { $0.kind == .burst }
        #expect(!bursts.isEmpty)
        guard case let .categorical(groups, _)? = world.dataset.items.column(named: "category") else {
            Issue.record("category should be categorical")
            return
        }
        var checked = 0
        for burst in bursts {
            let group = try #require(burst.group)
            let overlapping = bursts.filter {
                $0.group == group && $0 != burst && $0.start < burst.end + 7_200 && burst.start < $0.end + 7_200
            }
            guard overlapping.isEmpty, let item = groups.firstIndex(of: Int32(group)) else { continue }
            let before = (burst.start / 3_600 - 1) * 3_600
            let during = (burst.start / 3_600 + 1) * 3_600
            let lift =
                world.oracle.utility(user: UserID(1), item: ItemID(index: item), at: during)
                - world.oracle.utility(user: UserID(1), item: ItemID(index: item), at: before)
            #expect(abs(lift - 1.25) < 1e-4)
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test("Trends start at zero and then move group interest")
    func trend() {
        var config = TrendDriftConfig()
        config.amplitude = 0.5
        config.wavelengthDays = 4
        config.startDay = 3
        let world = Self.world([.trend(config)])
        let user = UserID(2)
        let item = ItemID(3)
        let base = world.oracle.utility(user: user, item: item, at: 0)
        #expect(world.oracle.utility(user: user, item: item, at: Self.seconds(days: 3)) == base)
        let later = (1...5).map {
            world.oracle.utility(user: user, item: item, at: Self.seconds(days: 3 + 4 * Double($0)))
        }
        #expect(later.contains { abs($0 - base) > 0.01 })
    }

    @Test("Churned items are never chosen outside their window; a share arrives late")
    func churn() {
        let world = TestWorlds.ecommerce
        let outside = world.log.allChoices(dataset: world.dataset).filter {
            !world.oracle.isAvailable($0.interaction.item, at: $0.interaction.time)
        }
        // Counted, not expected one by one: a failing expectation would print the whole oracle.
        #expect(outside.count == 0)
        let lateShare = 1 - Double(world.oracle.availableItems(at: 0).count) / Double(world.dataset.itemCount)
        // Arrivals 0.3; expirations before time 0 are impossible.
        #expect(abs(lateShare - 0.3) < Fixtures.z * (0.3 * 0.7 / Double(world.dataset.itemCount)).squareRoot())
    }
}
