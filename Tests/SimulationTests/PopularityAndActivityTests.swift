import Foundation
import RecData
import TestSupport
import Testing

@testable import Simulation

@Suite("Popularity and activity come out as configured")
struct PopularityAndActivityTests {
    /// A world whose logging policy shows items by popularity alone, with few
    /// interactions per user so that no item's count saturates.
    static func popularityWorld(exponent: Double) -> World {
        var config = EcommerceWorldConfig()
        config.common.resize(users: 3_000, items: 2_000, interactionsPerUser: 10, minimumInteractions: 5)
        config.activity = .geometric
        config.popularityExponent = exponent
        config.loggingPolicy = LoggingPolicyConfig(popularity: 1, random: 0, exploration: 0)
        config.signal = .click
        return WorldConfig.ecommerce(config).generate(seed: 21, threads: 2)
    }

    @Test("The fitted rank-frequency exponent is the configured one", arguments: [0.8, 1.2])
    func popularityExponent(exponent: Double) {
        let world = Self.popularityWorld(exponent: exponent)
        let summary = world.summary()
        // Counts at rank r are Poisson with mean N·r^−α/H; the least-squares slope of
        // log count on log rank then has variance Σ(x−x̄)²/μ / (Σ(x−x̄)²)².
        let ranks = SummaryStatistics.popularityFitRanks(items: 2_000)
        let total = Double(world.dataset.interactions.count)
        let harmonic = (1...2_000).reduce(0.0) { $0 + pow(Double($1), -exponent) }
        let xs = ranks.map { log(Double($0)) }
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let sxx = xs.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let variance =
            zip(ranks, xs).reduce(0.0) { sum, pair in
                let mu = total * pow(Double(pair.0), -exponent) / harmonic
                return sum + (pair.1 - meanX) * (pair.1 - meanX) / mu
            } / (sxx * sxx)
        // Allowance for what the power law does not model: a slate holds an item once
        // and a user never clicks an item twice, which flattens the head a little.
        let systematic = 0.03
        #expect(abs(summary.popularity.powerLawExponent - exponent) < Fixtures.z * variance.squareRoot() + systematic)
    }

    @Test(
        "Activity draws have the configured mean and shape",
        arguments: [
            ActivityDistribution.geometric, .lognormal(spread: 1), .pareto(tailIndex: 3),
        ])
    func activityDraws(distribution: ActivityDistribution) {
        let model = ActivityModel(mean: 40, minimum: 10, distribution: distribution, cap: .max)
        var random = RandomSource(seed: 9)
        let draws = (0..<20_000).map { _ in Double(model.draw(random: &random) - 10) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let extra = 30.0
        let variance: Double
        switch distribution {
        case .geometric: variance = extra * (extra + 1)
        case let .lognormal(spread): variance = (exp(spread * spread) - 1) * extra * extra + 1.0 / 12
        case let .pareto(alpha):
            let scale = extra * (alpha - 1)
            variance = scale * scale * alpha / ((alpha - 1) * (alpha - 1) * (alpha - 2)) + 1.0 / 12
        }
        #expect(draws.allSatisfy { $0 >= 0 })
        #expect(abs(mean - extra) < Fixtures.z * (variance / Double(draws.count)).squareRoot())
        if case let .lognormal(spread) = distribution {
            let median = draws.sorted()[draws.count / 2]
            let expectedMedian = exp(log(extra) - spread * spread / 2)
            #expect(abs(median - expectedMedian) / expectedMedian < 0.08)
        }
    }

    @Test("Users log the configured number of interactions on average, never below the floor")
    func worldActivity() {
        let world = TestWorlds.video
        let config = TestWorlds.videoConfig
        let counts = world.dataset.historiesByUser().map { Double($0.count) }
        let mean = counts.reduce(0, +) / Double(counts.count)
        let extra = Double(config.interactionsPerUser - config.minimumInteractions)
        let standardError = ((exp(1.0) - 1) * extra * extra / Double(counts.count)).squareRoot()
        // A very active user may exhaust what the catalog offers them before their target.
        #expect(world.generation.usersShort <= counts.count / 100)
        #expect(counts.allSatisfy { $0 >= Double(config.minimumInteractions) })
        #expect(abs(mean - Double(config.interactionsPerUser)) < Fixtures.z * standardError)
        #expect(world.summary().activity.gini > 0.15)
    }
}
