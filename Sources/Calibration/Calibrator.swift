import Foundation
import RecData
import Simulation

/// Fits a world family's parameters to a dataset's statistics.
///
/// In order, each step holding what the earlier ones fitted:
///
/// 1. **Sizes and clock**: users and items are the dataset's; days the span of its
///    timestamps (when they are Unix seconds).
/// 2. **Activity** (``ActivityFit``): floor, mean, family and spread by minimum
///    Kolmogorov–Smirnov distance on the simulator's own draws.
/// 3. **Catalog knobs** from item-feature cardinalities (``FeatureCardinalities``).
/// 4. **Popularity exponent**: the exposure exponent α is scanned on a grid and then
///    bisected (``Bisection``) until the simulated world's rank-frequency exponent
///    matches the dataset's. The two differ: choices, the random and exploring slots of
///    the logging policy and users' not choosing an item twice all flatten exposure.
///    When no α comes within ``popularityReach`` (heavy users exhaust the popular items
///    and the random slots then dominate), the search is repeated with every slot filled
///    by popularity (``popularityOnlyPolicy``) and the closer fit is kept.
/// 5. **Feature share**: `feature_share` is bisected until the simulated users' feature
///    predictability (``FeaturePredictability``) matches the dataset's.
/// 6. **Activity mean, corrected**: users who run out of clock or unseen items log less
///    than they aim for, so the target mean is scaled by real ÷ simulated mean (twice at
///    most, when they differ by more than 1 %).
/// 7. **Feedback**: e-commerce rating thresholds by three ``RatingThresholdFit`` steps;
///    the video watch intercept bisected on the mean watch fraction.
///
/// Every simulated world uses the calibration seed, so successive evaluations differ
/// only by the parameter being fitted (common random numbers), and the world the
/// written scenario generates with that seed is the one the report compares.
public struct Calibrator: Sendable {
    /// The family to fit.
    public var family: WorldFamily
    /// The seed of every simulated world, and of the written scenario.
    public var seed: UInt64
    /// Worker threads for simulation; results are the same for any count.
    public var threads: Int

    /// The exposure exponents scanned first (the observed exponent rises with α and,
    /// past a peak, falls again; see ``Bisection/solveFirstCrossing(grid:target:iterations:tolerance:_:)``).
    public static let popularityGrid = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0]
    /// Bisection steps between the two scanned exponents that bracket the target (6:
    /// about 0.008 apart).
    public static let popularitySteps = 6
    /// Bisection steps for the feature share over `0...1` (7: about 0.008 apart).
    public static let featureShareSteps = 7
    /// How far the observed exponent may stay from the target before the logging
    /// policy is changed to fill every slot by popularity (0.02).
    public static let popularityReach = 0.02
    /// The policy tried when the default one cannot reach the dataset's popularity
    /// exponent: every slot by popularity, none random or exploring.
    public static let popularityOnlyPolicy = LoggingPolicyConfig(popularity: 1, random: 0, exploration: 0)
    /// How far the simulated feature predictability may stay from the dataset's before
    /// the report notes that the family cannot reach it (0.002).
    public static let featureShareReach = 0.002
    /// Threshold-fitting steps (3).
    public static let thresholdSteps = 3
    /// Bisection steps for the watch intercept over `-6...6` (9: about 0.02 apart).
    public static let watchSteps = 9

    /// Creates a calibrator.
    public init(family: WorldFamily, seed: UInt64 = 1, threads: Int = 1) {
        self.family = family
        self.seed = seed
        self.threads = max(1, threads)
    }

    /// Fits the family to `dataset`.
    /// - Throws: ``CalibrationError`` when the dataset is too small or empty.
    public func calibrate(_ dataset: Dataset) throws -> Calibration {
        guard dataset.userCount >= 10, dataset.itemCount >= 10 else {
            throw CalibrationError(
                dataset: dataset.name,
                message:
                    "has \(dataset.userCount) users and \(dataset.itemCount) items; calibration needs at least 10 of each"
            )
        }
        guard dataset.interactions.count >= dataset.userCount else {
            throw CalibrationError(
                dataset: dataset.name,
                message:
                    "has \(dataset.interactions.count) interactions for \(dataset.userCount) users; calibration needs at least one per user on average"
            )
        }
        let scale = FeedbackScale(family: family, feedback: dataset.feedback)
        let real = DatasetStatistics(dataset, scale: scale)
        let cardinalities = FeatureCardinalities(dataset)
        var run = Run(calibrator: self, real: real, scale: scale)
        var config = WorldConfig.defaults(for: family)
        var parameters = [FittedParameter]()
        var notes = [String]()

        config.common.users = real.users
        config.common.items = real.items
        parameters.append(FittedParameter(key: "users", value: String(real.users), method: "the dataset's users"))
        parameters.append(FittedParameter(key: "items", value: String(real.items), method: "the dataset's items"))
        if let days = real.days, days >= 0.01 {
            config.common.days = min(3_650, (days * 10).rounded(.up) / 10)
            parameters.append(
                FittedParameter(
                    key: "days", value: FittedParameter.number(config.common.days), method: "span of the timestamps"))
        } else {
            notes.append(
                "The timestamps are not Unix seconds: days kept at the family default (\(FittedParameter.number(config.common.days)))."
            )
        }
        config.common.slateSize = min(config.common.slateSize, real.items)

        let activity = ActivityFit(
            activity: real.activity, items: real.items, random: RandomSource(seed: seed).stream("calibration-activity"))
        config.common.minimumInteractions = activity.minimum
        config.common.interactionsPerUser = activity.mean
        config.common.activity = Self.rounded(activity.distribution)
        parameters.append(
            FittedParameter(
                key: "min_interactions_per_user", value: String(activity.minimum),
                method: "fewest interactions of a user"))
        parameters += Self.activityParameters(activity)

        parameters += config.applyCatalogKnobs(cardinalities)
        if let lifetime = config.ensureLiveArticles() { parameters.append(lifetime) }
        if let signal = config.setSignal(rated: scale != .none) { parameters.append(signal) }
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 2
        guard config.estimatedBytes <= memory else {
            throw CalibrationError(
                dataset: dataset.name,
                message: String(
                    format: "a world this size needs about %.1f GiB, more than the %.1f GiB allowed on this machine",
                    config.estimatedBytes / 1_073_741_824, memory / 1_073_741_824)
            )
        }
        if family == .news, dataset.feedback.hasRatings {
            notes.append("News worlds log clicks only: the dataset's ratings are not fitted.")
        }

        // Popularity exponent.
        var popularity = fitPopularity(&config, target: real.popularityExponent, run: &run)
        if abs(popularity.value - real.popularityExponent) > Self.popularityReach {
            let fallback = config
            config.common.loggingPolicy = Self.popularityOnlyPolicy
            let pure = fitPopularity(&config, target: real.popularityExponent, run: &run)
            if abs(pure.value - real.popularityExponent) < abs(popularity.value - real.popularityExponent) {
                parameters.append(
                    FittedParameter(
                        key: "logging_policy", value: "{popularity: 1, random: 0, exploration: 0}",
                        method:
                            "with the default policy's random and exploring slots the closest observed exponent was \(FittedParameter.number(popularity.value))"
                    ))
                popularity = pure
            } else {
                config = fallback
            }
        }
        if abs(popularity.value - real.popularityExponent) > Self.popularityReach {
            notes.append(
                Self.unreached(
                    "popularity exponent", popularity, target: real.popularityExponent, key: "popularity_exponent"))
        }
        config.common.popularityExponent = FittedParameter.rounded(popularity.parameter)
        parameters.append(
            FittedParameter(
                key: "popularity_exponent", value: FittedParameter.number(config.common.popularityExponent),
                method:
                    "grid scan and bisection on the simulated rank-frequency exponent (\(FittedParameter.number(popularity.value)) vs \(FittedParameter.number(real.popularityExponent)))"
            ))

        // Feature share.
        if let target = real.featurePredictability {
            let share = Bisection.solve(in: 0...1, target: target, iterations: Self.featureShareSteps, tolerance: 0.002)
            { share in
                config.common.featureShare = share
                return run.simulate(config).featurePredictability ?? 0
            }
            if abs(share.value - target) > Self.featureShareReach {
                notes.append(Self.unreached("feature predictability", share, target: target, key: "feature_share"))
            }
            config.common.featureShare = FittedParameter.rounded(share.parameter)
            parameters.append(
                FittedParameter(
                    key: "feature_share", value: FittedParameter.number(share.parameter),
                    method:
                        "bisection on the simulated feature predictability (\(FittedParameter.number(share.value)) vs \(FittedParameter.number(target)))"
                ))
        } else {
            notes.append(
                "The dataset's users have no categorical features: feature_share kept at the family default (\(FittedParameter.number(config.common.featureShare)))."
            )
        }

        // Activity mean, corrected for users who fall short.
        for _ in 0..<2 {
            let simulatedMean = run.simulate(config).activityMean
            guard simulatedMean > 0, abs(simulatedMean - real.activityMean) > 0.01 * real.activityMean else { break }
            let corrected = Int(
                (Double(config.common.interactionsPerUser) * real.activityMean / simulatedMean).rounded())
            guard corrected != config.common.interactionsPerUser else { break }
            config.common.interactionsPerUser = max(config.common.minimumInteractions, min(100_000, corrected))
        }
        if config.common.interactionsPerUser != activity.mean {
            parameters.removeAll { $0.key == "interactions_per_user" }
            parameters.append(
                FittedParameter(
                    key: "interactions_per_user", value: String(config.common.interactionsPerUser),
                    method:
                        "dataset mean \(FittedParameter.number(real.activityMean)), scaled for users who fall short of their target"
                ))
        }

        // Feedback.
        switch scale {
        case .stars:
            for _ in 0..<Self.thresholdSteps {
                let simulated = run.simulate(config)
                config.ratingThresholds = RatingThresholdFit.step(
                    thresholds: config.ratingThresholds ?? [], simulated: simulated.ratingShares,
                    simulatedCount: simulated.feedbackValues.count,
                    target: real.ratingShares, targetCount: real.feedbackValues.count
                ).map(FittedParameter.rounded)
            }
            parameters.append(
                FittedParameter(
                    key: "rating_thresholds",
                    value: "[" + (config.ratingThresholds ?? []).map(FittedParameter.number).joined(separator: ", ")
                        + "]",
                    method: "\(Self.thresholdSteps) ordered-probit quantile-matching steps on the 1–5 histogram"
                ))
        case .fraction:
            let target = real.feedbackMean ?? 0.5
            let intercept = Bisection.solve(in: -6...6, target: target, iterations: Self.watchSteps, tolerance: 0.002) {
                value in
                config.watchIntercept = value
                return run.simulate(config).feedbackMean ?? 0
            }
            config.watchIntercept = FittedParameter.rounded(intercept.parameter)
            parameters.append(
                FittedParameter(
                    key: "watch", value: "{intercept: \(FittedParameter.number(intercept.parameter))}",
                    method:
                        "bisection on the mean watch fraction (\(FittedParameter.number(intercept.value)) vs \(FittedParameter.number(target)))"
                ))
        case .none:
            break
        }

        let simulated = run.simulate(config)
        return Calibration(
            dataset: dataset.name, family: family, seed: seed, config: config, parameters: parameters, real: real,
            simulated: simulated,
            cardinalities: cardinalities, simulations: run.simulations, notes: notes
        )
    }

    /// The note for a statistic no value of `key` brought within reach of the target.
    private static func unreached(_ statistic: String, _ point: Bisection.Point, target: Double, key: String) -> String
    {
        "No \(key) brings the simulated \(statistic) to the dataset's \(FittedParameter.number(target)): the closest, "
            + "\(FittedParameter.number(point.value)) at \(FittedParameter.number(point.parameter)), is kept. "
            + "Other mechanisms of the family dominate this statistic (for news, freshness)."
    }

    /// `distribution` with its spread as the scenario file will hold it.
    private static func rounded(_ distribution: ActivityDistribution) -> ActivityDistribution {
        switch distribution {
        case .geometric: return .geometric
        case let .lognormal(spread): return .lognormal(spread: FittedParameter.rounded(spread))
        case let .pareto(tail): return .pareto(tailIndex: FittedParameter.rounded(tail))
        }
    }

    /// Scans and bisects the exposure exponent of `config` toward `target`.
    private func fitPopularity(_ config: inout WorldConfig, target: Double, run: inout Run) -> Bisection.Point {
        var candidate = config
        let point = Bisection.solveFirstCrossing(
            grid: Self.popularityGrid, target: target, iterations: Self.popularitySteps, tolerance: 0.005
        ) { alpha in
            candidate.common.popularityExponent = alpha
            return run.simulate(candidate).popularityExponent
        }
        config.common.popularityExponent = point.parameter
        return point
    }

    private static func activityParameters(_ fit: ActivityFit) -> [FittedParameter] {
        let method =
            "minimum Kolmogorov–Smirnov distance (\(FittedParameter.number(fit.distance))) over families and spreads"
        var result = [
            FittedParameter(key: "interactions_per_user", value: String(fit.mean), method: "dataset mean, rounded")
        ]
        switch fit.distribution {
        case .geometric:
            result.append(FittedParameter(key: "activity", value: "geometric", method: method))
        case let .lognormal(spread):
            result.append(FittedParameter(key: "activity", value: "lognormal", method: method))
            result.append(
                FittedParameter(key: "activity_spread", value: FittedParameter.number(spread), method: method))
        case let .pareto(tail):
            result.append(FittedParameter(key: "activity", value: "pareto", method: method))
            result.append(FittedParameter(key: "activity_spread", value: FittedParameter.number(tail), method: method))
        }
        return result
    }

    /// Simulates candidate worlds and counts them.
    private struct Run {
        let calibrator: Calibrator
        let real: DatasetStatistics
        let scale: FeedbackScale
        private(set) var simulations = 0

        init(calibrator: Calibrator, real: DatasetStatistics, scale: FeedbackScale) {
            self.calibrator = calibrator
            self.real = real
            self.scale = scale
        }

        mutating func simulate(_ config: WorldConfig) -> DatasetStatistics {
            simulations += 1
            let world = config.generate(seed: calibrator.seed, threads: calibrator.threads)
            return DatasetStatistics(world.dataset, scale: scale, clockSeconds: true)
        }
    }
}
