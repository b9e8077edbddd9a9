import Simulation

extension WorldDecoder {
    /// Keys only e-commerce worlds accept.
    static let ecommerceKeys = [
        "categories", "subcategories", "brands", "price", "seasonal",
        "purchase", "rating_probability", "rating_noise", "rating_thresholds", "dataset_signal",
    ]
    /// Keys only video worlds accept.
    static let videoKeys = [
        "genres", "max_genres", "creators", "creator_popularity_exponent", "duration", "production_quality_weight",
        "watch", "like", "dataset_signal",
    ]
    /// Keys only news worlds accept.
    static let newsKeys = ["topics", "sources", "half_life_hours", "freshness_weight", "lifetime_hours"]

    // MARK: - E-commerce

    func decodeEcommerce(_ world: SpecNode.Mapping, into config: inout EcommerceWorldConfig) throws {
        if let value = world["categories"] { config.categories = try value.int(in: 1...100_000) }
        if let value = world["subcategories"] { config.subcategories = try value.int(in: 1...10_000) }
        if let value = world["brands"] { config.brands = try value.int(in: 1...1_000_000) }
        if let value = world["price"] {
            let fields = try value.mapping(allowed: ["median", "category_spread", "spread", "sensitivity", "quality_correlation"])
            if let node = fields["median"] { config.price.median = try node.double(in: 0.001...1e9) }
            if let node = fields["category_spread"] { config.price.categorySpread = try node.double(in: 0...10) }
            if let node = fields["spread"] { config.price.spread = try node.double(in: 0...10) }
            if let node = fields["sensitivity"] { config.price.sensitivity = try node.double(in: -100...100) }
            if let node = fields["quality_correlation"] { config.price.qualityCorrelation = try node.double(in: -1...1) }
        }
        if let value = world["seasonal"] {
            let fields = try value.mapping(allowed: ["share", "amplitude", "period_days", "sharpness"])
            if let node = fields["share"] { config.seasonal.share = try Self.probability(node) }
            if let node = fields["amplitude"] { config.seasonal.amplitude = try node.double(in: -100...100) }
            if let node = fields["period_days"] { config.seasonal.periodDays = try node.double(in: 0.01...100_000) }
            if let node = fields["sharpness"] { config.seasonal.sharpness = try node.double(in: 0...1_000) }
        }
        if let value = world["purchase"] { config.purchase = try Self.logistic(value, defaults: config.purchase) }
        if let value = world["rating_probability"] { config.ratingProbability = try Self.probability(value) }
        if let value = world["rating_noise"] { config.ratingNoise = try value.double(in: 0...100) }
        if let value = world["rating_thresholds"] {
            let thresholds = try value.sequence().map { try $0.double(in: -1_000...1_000) }
            guard thresholds.count == 4, zip(thresholds, thresholds.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw value.error("give four increasing thresholds (between ratings 1|2, 2|3, 3|4 and 4|5)")
            }
            config.ratingThresholds = thresholds
        }
        if let value = world["dataset_signal"] {
            config.signal = EcommerceSignal(rawValue: try value.choice(EcommerceSignal.allCases.map(\.rawValue))) ?? .rating
        }
        if config.signal == .rating, config.ratingProbability == 0 {
            throw (world["rating_probability"] ?? world.owner).error("with dataset_signal 'rating' the rating probability must be above 0")
        }
    }

    // MARK: - Video

    func decodeVideo(_ world: SpecNode.Mapping, into config: inout VideoWorldConfig) throws {
        if let value = world["genres"] { config.genres = try value.int(in: 1...100_000) }
        if let value = world["max_genres"] { config.maxGenres = try value.int(in: 1...100) }
        if let value = world["creators"] { config.creators = try value.int(in: 1...10_000_000) }
        if let value = world["creator_popularity_exponent"] { config.creatorPopularityExponent = try value.double(in: 0...5) }
        if let value = world["duration"] {
            let fields = try value.mapping(allowed: ["median_minutes", "spread"])
            if let node = fields["median_minutes"] { config.duration.medianMinutes = try node.double(in: 0.01...100_000) }
            if let node = fields["spread"] { config.duration.spread = try node.double(in: 0...10) }
        }
        if let value = world["production_quality_weight"] { config.productionQualityWeight = try value.double(in: -100...100) }
        if let value = world["watch"] {
            let fields = try value.mapping(allowed: ["intercept", "slope", "duration_penalty", "noise"])
            if let node = fields["intercept"] { config.watch.intercept = try node.double(in: -100...100) }
            if let node = fields["slope"] { config.watch.slope = try node.double(in: -100...100) }
            if let node = fields["duration_penalty"] { config.watch.durationPenalty = try node.double(in: -100...100) }
            if let node = fields["noise"] { config.watch.noise = try node.double(in: 0...100) }
        }
        if let value = world["like"] { config.like = try Self.logistic(value, defaults: config.like) }
        if let value = world["dataset_signal"] {
            config.signal = VideoSignal(rawValue: try value.choice(VideoSignal.allCases.map(\.rawValue))) ?? .watch
        }
        if config.maxGenres > config.genres {
            throw (world["max_genres"] ?? world.owner).error("max_genres (\(config.maxGenres)) exceeds the \(config.genres) genres")
        }
    }

    // MARK: - News

    func decodeNews(_ world: SpecNode.Mapping, into config: inout NewsWorldConfig) throws {
        if let value = world["topics"] { config.topics = try value.int(in: 1...100_000) }
        if let value = world["sources"] { config.sources = try value.int(in: 1...1_000_000) }
        if let value = world["half_life_hours"] { config.halfLifeHours = try value.double(in: 0.01...100_000) }
        if let value = world["freshness_weight"] { config.freshnessWeight = try value.double(in: -100...100) }
        if let value = world["lifetime_hours"] { config.lifetimeHours = try value.double(in: 0.1...1_000_000) }
        let live = config.expectedLiveArticles
        if live < Double(2 * config.slateSize) {
            throw (world["lifetime_hours"] ?? world["items"] ?? world.owner).error(String(
                format: "only about %.1f articles would be live at a time, fewer than two slates of %d; publish more items or keep them longer",
                live, config.slateSize
            ))
        }
    }
}
