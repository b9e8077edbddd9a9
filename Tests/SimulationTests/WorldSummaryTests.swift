import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

@Suite("World summary")
struct WorldSummaryTests {
    @Test("Counts and histograms agree with the log", arguments: WorldFamily.allCases)
    func consistent(family: WorldFamily) throws {
        let world = TestWorlds.world(family)
        let summary = world.summary()
        #expect(summary.users == world.dataset.userCount)
        #expect(summary.interactions == world.dataset.interactions.count)
        #expect(summary.loggedChoices == world.log.choiceCount)
        #expect(abs(summary.activity.mean - Double(summary.interactions) / Double(summary.users)) < 1e-9)
        #expect(summary.activity.minimum <= summary.activity.median && summary.activity.median <= summary.activity.p90)
        #expect((0...1).contains(summary.popularity.gini) && (0...1).contains(summary.noChoiceShare))
        let positions = try #require(summary.feedback["position"])
        #expect(positions.values.reduce(0, +) == summary.loggedChoices)
        #expect(summary.shifts.count == world.shiftEvents.count)
        switch family {
        case .ecommerce: #expect(summary.feedback["rating"] != nil && summary.feedback["purchase"] != nil)
        case .video: #expect(summary.feedback["watch_fraction"] != nil && summary.feedback["like"] != nil)
        case .news: #expect(summary.feedback["age_hours"] != nil)
        }
    }

    @Test("The share of utility explained by features follows the feature-share knob")
    func featureShare() {
        func share(_ value: Double) -> WorldSummary.FeatureShare {
            var config = EcommerceWorldConfig()
            config.common.resize(users: 3_000, items: 100, interactionsPerUser: 3, minimumInteractions: 2)
            config.featureShare = value
            return WorldConfig.ecommerce(config).generate(seed: 2, threads: 2).summary().featureShare
        }
        let none = share(0)
        let all = share(1)
        #expect(none.users < 0.05)
        #expect(all.users > 0.6)
        #expect(all.utility > none.utility + 0.1)
    }

    @Test("Gini and quantiles are right on small cases")
    func statistics() {
        #expect(SummaryStatistics.gini([1, 1, 1, 1]) == 0)
        #expect(abs(SummaryStatistics.gini([0, 0, 0, 1]) - 0.75) < 1e-12)
        #expect(SummaryStatistics.quantile([1, 2, 3, 4], 0.5) == 2)
        let counts = (1...1_000).map { 1e6 * pow(Double($0), -1.1) }
        #expect(abs(SummaryStatistics.powerLawExponent(counts: counts, ranks: 10...500) - 1.1) < 1e-9)
    }
}
