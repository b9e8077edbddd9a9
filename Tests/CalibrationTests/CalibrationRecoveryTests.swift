import Calibration
import Experiments
import Foundation
import RecData
import Simulation
import TestSupport
import Testing

/// Calibrations against worlds generated from known parameters, each run once for
/// every test that uses it (about twenty small worlds each).
private enum KnownWorld {
    /// The parameters the "real" datasets come from.
    static let truth: EcommerceWorldConfig = {
        var config = EcommerceWorldConfig()
        config.common.resize(users: 600, items: 1_000, interactionsPerUser: 30, minimumInteractions: 10)
        config.days = 30
        config.activity = .lognormal(spread: 0.8)
        config.popularityExponent = 0.8
        config.featureShare = 0.7
        config.ratingThresholds = [-0.8, -0.1, 0.5, 1.2]
        return config
    }()

    /// Calibration (seed 1) against the known world with seed 1: the same catalog,
    /// archetypes and behaviour streams, so only the fitting procedure can miss.
    static let sameSeed = calibrate(datasetSeed: 1)
    /// Calibration (seed 1) against the known world with seed 7: a different draw of
    /// everything, so seed-to-seed variation adds to the misses.
    static let otherSeed = calibrate(datasetSeed: 7)

    private static func calibrate(datasetSeed: UInt64) -> Result<Calibration, CalibrationError> {
        let dataset = WorldConfig.ecommerce(truth).generate(seed: datasetSeed, threads: 2).dataset
        return Result { try Calibrator(family: .ecommerce, seed: 1, threads: 2).calibrate(dataset) }
            .mapError { $0 as? CalibrationError ?? CalibrationError(dataset: "known", message: "\($0)") }
    }

    static func fitted(_ result: Result<Calibration, CalibrationError>) throws -> (Calibration, EcommerceWorldConfig) {
        let calibration = try result.get()
        guard case let .ecommerce(config) = calibration.config else {
            throw CalibrationError(dataset: "known", message: "not e-commerce")
        }
        return (calibration, config)
    }
}

@Suite("Calibration recovers known parameters")
struct CalibrationRecoveryTests {
    /// The rating histogram's largest per-star gap and the ratings' KS statistic.
    private func ratingGaps(_ calibration: Calibration) -> (share: Double, ks: Double) {
        let share =
            zip(calibration.real.ratingShares, calibration.simulated.ratingShares).map { abs($0 - $1) }.max() ?? 1
        return (
            share, KolmogorovSmirnov.statistic(calibration.real.feedbackValues, calibration.simulated.feedbackValues)
        )
    }

    /// Same seed: the fitted world can reproduce the dataset exactly, so the misses are
    /// the procedure's own — bisection resolution, and the statistics' flatness in the
    /// parameter (the observed popularity exponent moves about 0.25 per unit of α here,
    /// feature predictability about 0.03 per unit of feature share, while a change of
    /// one parameter shifts the other's statistic by some thousandths).
    @Test("Against its own seed: α within 0.1, feature share within 0.2, activity and ratings close")
    func sameSeed() throws {
        let (calibration, fitted) = try KnownWorld.fitted(KnownWorld.sameSeed)
        let truth = KnownWorld.truth
        #expect(abs(fitted.popularityExponent - truth.popularityExponent) <= 0.1, "α \(fitted.popularityExponent)")
        #expect(abs(fitted.featureShare - truth.featureShare) <= 0.2, "feature share \(fitted.featureShare)")
        // The mean is rounded to whole interactions: within one of the truth.
        #expect(abs(fitted.interactionsPerUser - truth.interactionsPerUser) <= 1, "mean \(fitted.interactionsPerUser)")
        #expect(
            fitted.activity == .lognormal(spread: 0.8) || fitted.activity == .lognormal(spread: 0.79)
                || fitted.activity == .lognormal(spread: 0.81))
        // Thresholds are identified here, since the latent utility distribution is the
        // truth's when α and the feature share are close: within 0.1.
        for (value, expected) in zip(fitted.ratingThresholds, truth.ratingThresholds) {
            #expect(abs(value - expected) <= 0.1, "thresholds \(fitted.ratingThresholds)")
        }
        let gaps = ratingGaps(calibration)
        #expect(gaps.share <= 0.01)
        #expect(gaps.ks <= 0.02)
    }

    /// Another seed: a different catalog, archetypes and demographic effects. The
    /// observed popularity exponent then varies by about ±0.04 between seeds at the same
    /// α, which its slope turns into about ±0.15 on α; feature predictability varies by
    /// about ±0.006, about ±0.15 on the feature share. The tolerances are two of those
    /// spreads. The mean interactions per user of 600 log-normal users varies by about
    /// ±0.7 between seeds: within 2. The rating histogram is fitted directly, so its
    /// tolerance is sampling noise: KS ≤ 0.03 on about 17 000 ratings each.
    @Test("Against another seed: α within 0.3, feature share within 0.3, activity mean within 2, ratings close")
    func otherSeed() throws {
        let (calibration, fitted) = try KnownWorld.fitted(KnownWorld.otherSeed)
        let truth = KnownWorld.truth
        #expect(abs(fitted.popularityExponent - truth.popularityExponent) <= 0.3, "α \(fitted.popularityExponent)")
        #expect(abs(fitted.featureShare - truth.featureShare) <= 0.3, "feature share \(fitted.featureShare)")
        #expect(abs(fitted.interactionsPerUser - truth.interactionsPerUser) <= 2, "mean \(fitted.interactionsPerUser)")
        let gaps = ratingGaps(calibration)
        #expect(gaps.share <= 0.02)
        #expect(gaps.ks <= 0.03)
        #expect(KolmogorovSmirnov.statistic(calibration.real.activity, calibration.simulated.activity) <= 0.1)
        #expect(
            CalibrationComparison.relativeError(
                real: calibration.real.activityMean, simulated: calibration.simulated.activityMean) <= 0.03)
    }
}

@Suite("The calibrated scenario")
struct CalibratedScenarioTests {
    @Test("Loads back as the fitted world, which regenerates the compared statistics")
    func roundTrip() throws {
        let (calibration, _) = try KnownWorld.fitted(KnownWorld.otherSeed)
        let url = Scratch.file("calibrated", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(calibration.scenarioYAML().utf8).write(to: url)
        guard case let .scenario(spec) = try ScenarioLoader().load(url.path) else {
            Issue.record("the calibrated file loads as a suite")
            return
        }
        #expect(spec.name == "ecommerce-calibrated")
        #expect(spec.world == calibration.config)
        #expect(spec.seeds == [calibration.seed])
        let world = try #require(spec.world).generate(seed: spec.seeds[0], threads: 1)
        let regenerated = DatasetStatistics(world.dataset, scale: .stars, clockSeconds: true)
        #expect(regenerated.activity == calibration.simulated.activity)
        #expect(regenerated.popularity == calibration.simulated.popularity)
        #expect(regenerated.feedbackValues == calibration.simulated.feedbackValues)
        // Close to the dataset: the gaps the recovery test bounds, measured again on the regenerated world.
        #expect(KolmogorovSmirnov.statistic(regenerated.activity, calibration.real.activity) < 0.1)
        #expect(KolmogorovSmirnov.statistic(regenerated.feedbackValues, calibration.real.feedbackValues) < 0.05)
    }

    @Test("A dataset too small to fit is refused")
    func tooSmall() {
        let log = (0..<5).map { Interaction(user: UserID(index: $0), item: ItemID(index: $0), time: 0, value: 1) }
        let dataset = Dataset(
            name: "tiny", users: FeatureTable(rowCount: 5), items: FeatureTable(rowCount: 5), interactions: log,
            feedback: .implicit)
        #expect(
            throws: CalibrationError(
                dataset: "tiny", message: "has 5 users and 5 items; calibration needs at least 10 of each")
        ) {
            try Calibrator(family: .news).calibrate(dataset)
        }
    }
}
