import Foundation
import Simulation
import Testing

@testable import Experiments

/// Scenario text with the given family and `world:` block lines (each indented by two spaces).
func worldScenario(family: String, world: [String]) -> String {
    """
    name: worlds
    family: \(family)
    world:
    \(world.map { "  " + $0 }.joined(separator: "\n"))
    models: [random]
    """
}

@Suite("World decoding")
struct WorldDecoderTests {
    private let files = ScenarioFiles()
    private let loader = ScenarioLoader()

    private func world(_ family: String, _ lines: [String]) throws -> WorldConfig {
        let path = files.write("\(UUID().uuidString).yaml", worldScenario(family: family, world: lines))
        guard case let .scenario(spec) = try loader.load(path) else {
            throw InputError(file: path, message: "not a scenario")
        }
        return try #require(spec.world)
    }

    @Test("Every e-commerce knob decodes")
    func ecommerce() throws {
        let config = try world(
            "ecommerce",
            [
                "users: 200", "items: 100", "days: 45", "latent_dimension: 12", "archetypes: 5",
                "archetype_sharpness: 3",
                "feature_share: 0.2", "individual_noise: 0.4", "interactions_per_user: 30",
                "min_interactions_per_user: 5",
                "activity: pareto", "activity_spread: 2", "interactions_per_session: 4", "popularity_exponent: 1.1",
                "quality_spread: 0.2", "item_feature_share: 0.7",
                "content_embedding: {dimension: 16, informativeness: 0.3}",
                "slate_size: 8", "logging_policy: {popularity: 0.5, random: 0.5}", "choice_temperature: 0.7",
                "no_choice_utility: 0.2", "position_bias: 1", "categories: 7", "subcategories: 3", "brands: 9",
                "price: {median: 40, category_spread: 0.5, spread: 0.2, sensitivity: 0.1, quality_correlation: -0.2}",
                "seasonal: {share: 0.5, amplitude: 1, period_days: 30, sharpness: 2}",
                "purchase: {intercept: 1, slope: 2}",
                "rating_probability: 0.5", "rating_noise: 0.2", "rating_thresholds: [-2, -1, 0, 1]",
                "dataset_signal: purchase",
                "drift:", "  - {kind: gradual, strength: 0.2, reversion_days: 5, step_hours: 12, start_day: 1}",
                "  - {kind: sudden, at_day: 20, share: 0.4}", "  - {kind: periodic, amplitude: 0.1, period_days: 3}",
                "  - {kind: trend, amplitude: 0.2, wavelength_days: 6}",
                "  - {kind: burst, rate_per_day: 2, lift: 1, duration_hours: 5}",
                "  - {kind: churn, arrivals: 0.1, expirations: 0.05}",
                "  - {kind: reinforcement, strength: 0.01, start_day: 2}",
            ])
        guard case let .ecommerce(c) = config else {
            Issue.record("expected ecommerce")
            return
        }
        #expect(c.users == 200 && c.items == 100 && c.days == 45 && c.latentDimension == 12 && c.archetypes == 5)
        #expect(c.archetypeSharpness == 3 && c.featureShare == 0.2 && c.individualNoise == 0.4)
        #expect(
            c.interactionsPerUser == 30 && c.minimumInteractions == 5 && c.activity == .pareto(tailIndex: 2)
                && c.interactionsPerSession == 4)
        #expect(c.popularityExponent == 1.1 && c.qualitySpread == 0.2 && c.itemFeatureShare == 0.7)
        #expect(c.contentEmbedding == ContentEmbeddingConfig(dimension: 16, informativeness: 0.3))
        #expect(
            c.slateSize == 8 && c.loggingPolicy == LoggingPolicyConfig(popularity: 0.5, random: 0.5, exploration: 0))
        #expect(c.choiceTemperature == 0.7 && c.noChoiceUtility == 0.2 && c.positionBias == 1)
        #expect(c.categories == 7 && c.subcategories == 3 && c.brands == 9)
        #expect(c.price.median == 40 && c.price.qualityCorrelation == -0.2 && c.seasonal.periodDays == 30)
        #expect(
            c.purchase == LogisticResponse(intercept: 1, slope: 2) && c.ratingProbability == 0.5 && c.ratingNoise == 0.2
        )
        #expect(c.ratingThresholds == [-2, -1, 0, 1] && c.signal == .purchase)
        #expect(c.drift.map(\.kind) == DriftProcess.kinds)
        #expect(c.drift[1] == .sudden(SuddenDriftConfig(atDay: 20, share: 0.4)))
    }

    @Test("Video and news knobs decode")
    func videoAndNews() throws {
        let video = try world(
            "video",
            [
                "genres: 9", "max_genres: 2", "creators: 30", "creator_popularity_exponent: 0.5",
                "duration: {median_minutes: 3, spread: 1}", "production_quality_weight: 0.4",
                "watch: {intercept: 1, slope: 2, duration_penalty: 0.1, noise: 0.5}", "like: {intercept: -1, slope: 1}",
                "dataset_signal: like",
            ])
        guard case let .video(v) = video else {
            Issue.record("expected video")
            return
        }
        #expect(v.genres == 9 && v.maxGenres == 2 && v.creators == 30 && v.creatorPopularityExponent == 0.5)
        #expect(v.duration.medianMinutes == 3 && v.productionQualityWeight == 0.4 && v.watch.noise == 0.5)
        #expect(v.like == LogisticResponse(intercept: -1, slope: 1) && v.signal == .like)
        let news = try world(
            "news", ["topics: 4", "sources: 3", "half_life_hours: 6", "freshness_weight: 1", "lifetime_hours: 48"])
        guard case let .news(n) = news else {
            Issue.record("expected news")
            return
        }
        #expect(
            n.topics == 4 && n.sources == 3 && n.halfLifeHours == 6 && n.freshnessWeight == 1 && n.lifetimeHours == 48)
        #expect(n.days == 14 && n.items == 3_000)
    }

    @Test("The shipped family scenarios decode with drift switched on", arguments: ["ecommerce", "video", "news"])
    func shipped(name: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        guard case let .scenario(spec) = try loader.load(root.appendingPathComponent("Scenarios/\(name).yaml").path)
        else {
            Issue.record("expected a scenario")
            return
        }
        let world = try #require(spec.world)
        #expect(world.family.rawValue == name)
        #expect(world.common.drift.count >= 3)
    }
}
