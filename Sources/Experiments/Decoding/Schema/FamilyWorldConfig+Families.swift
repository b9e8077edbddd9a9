import Simulation

extension EcommerceWorldConfig {
    static var familyFields: [ScenarioField<Self>] {
        [
            .integer("categories", \.categories, 1...100_000, "Number of product categories."),
            .integer("subcategories", \.subcategories, 1...10_000, "Sub-categories per category."),
            .integer("brands", \.brands, 1...1_000_000, "Number of brands."),
            .nested(
                "price", \.price, "Prices: log-normal within each category.",
                [
                    .number("median", \.median, 0.001...1e9, "Median price over all categories."),
                    .number(
                        "category_spread", \.categorySpread, 0...10,
                        "Standard deviation of the categories' log-median prices."),
                    .number("spread", \.spread, 0...10, "Standard deviation of log-price within a category."),
                    .number(
                        "sensitivity", \.sensitivity, -100...100,
                        "Utility lost per standard deviation of price above the category's median."),
                    .number(
                        "quality_correlation", \.qualityCorrelation, -1...1,
                        "Correlation of an item's within-category price with its quality."),
                ]),
            .nested(
                "seasonal", \.seasonal, "Seasonal demand: a share of items peaks once per cycle.",
                [
                    .share("share", \.share, "Share of items with a seasonal peak."),
                    .number("amplitude", \.amplitude, -100...100, "Utility gained at the peak."),
                    .number("period_days", \.periodDays, 0.01...100_000, "Length of the seasonal cycle in days."),
                    .number("sharpness", \.sharpness, 0...1_000, "Sharpness of the peak (von Mises concentration)."),
                ]),
            .nested(
                "purchase", \.purchase, "Probability that a click becomes a purchase: logistic in utility.",
                logisticFields),
            .share(
                "rating_probability", \.ratingProbability,
                "Probability that a purchase is rated; above 0 when dataset_signal is rating."),
            .number(
                "rating_noise", \.ratingNoise, 0...100,
                "Standard deviation of the noise added to utility before it is cut into a 1–5 rating."),
            ScenarioField(
                name: "rating_thresholds",
                summary:
                    "Four increasing thresholds on noisy utility between ratings 1|2, 2|3, 3|4 and 4|5 (ordered probit).",
                type: { _ in .list(.number(ratingThresholdRange), single: false, count: 4...4, unique: true) },
                read: { .list($0.ratingThresholds.map(SchemaValue.number)) }
            ) { node, config, _ in
                let thresholds = try node.sequence().map { try $0.double(in: ratingThresholdRange) }
                guard thresholds.count == 4, zip(thresholds, thresholds.dropFirst()).allSatisfy({ $0 < $1 }) else {
                    throw node.error("give four increasing thresholds (between ratings 1|2, 2|3, 3|4 and 4|5)")
                }
                config.ratingThresholds = thresholds
            },
            .choice("dataset_signal", \.signal, "What the dataset holds: rated purchases, purchases or clicks."),
        ]
    }

    /// Rating thresholds a scenario may give.
    private static let ratingThresholdRange = -1_000.0...1_000
}

extension VideoWorldConfig {
    static var familyFields: [ScenarioField<Self>] {
        [
            .integer("genres", \.genres, 1...100_000, "Number of genres."),
            .integer(
                "max_genres", \.maxGenres, 1...100,
                "Most genres one video has (each has 1 to this many); at most genres."),
            .integer("creators", \.creators, 1...10_000_000, "Number of creators."),
            .number(
                "creator_popularity_exponent", \.creatorPopularityExponent, 0...5,
                "Exponent of the creators' popularity power law."),
            .nested(
                "duration", \.duration, "Video durations: log-normal.",
                [
                    .number("median_minutes", \.medianMinutes, 0.01...100_000, "Median duration in minutes."),
                    .number("spread", \.spread, 0...10, "Standard deviation of log-duration."),
                ]),
            .number(
                "production_quality_weight", \.productionQualityWeight, -100...100,
                "Utility per standard deviation of production quality."),
            .nested(
                "watch", \.watch, "The watch fraction: logit-normal in utility and duration.",
                [
                    .number(
                        "intercept", \.intercept, -100...100,
                        "Log-odds of the fraction at zero utility and median duration."),
                    .number("slope", \.slope, -100...100, "Log-odds gained per unit of utility."),
                    .number(
                        "duration_penalty", \.durationPenalty, -100...100,
                        "Log-odds lost per e-fold of duration above the median."),
                    .number("noise", \.noise, 0...100, "Standard deviation of the log-odds noise."),
                ]),
            .nested("like", \.like, "Probability of a like after a watch: logistic in utility.", logisticFields),
            .choice("dataset_signal", \.signal, "What the dataset holds: watch fractions, views or likes."),
        ]
    }
}

extension NewsWorldConfig {
    static var familyFields: [ScenarioField<Self>] {
        [
            .integer("topics", \.topics, 1...100_000, "Number of topics."),
            .integer("sources", \.sources, 1...1_000_000, "Number of sources (publishers)."),
            .number(
                "half_life_hours", \.halfLifeHours, 0.01...100_000, "Hours after which the freshness term has halved."),
            .number("freshness_weight", \.freshnessWeight, -100...100, "Utility of a brand-new article's freshness."),
            .number(
                "lifetime_hours", \.lifetimeHours, 0.1...1_000_000,
                "Hours an article stays available after publication."),
        ]
    }
}

extension FamilyWorldConfig {
    /// The keys of a logistic response in utility, σ(intercept + slope·u).
    static var logisticFields: [ScenarioField<LogisticResponse>] {
        [
            .number("intercept", \.intercept, -100...100, "Log-odds at zero utility."),
            .number("slope", \.slope, -100...100, "Log-odds gained per unit of utility."),
        ]
    }
}
