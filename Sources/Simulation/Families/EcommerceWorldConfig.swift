/// Prices of an e-commerce catalog: log-normal within each category.
public struct PriceConfig: Hashable, Sendable {
    /// Median price over all categories (`price.median`, default 25).
    public var median: Double = 25
    /// Standard deviation of the categories' log-median prices (`price.category_spread`, default 0.8).
    public var categorySpread: Double = 0.8
    /// Standard deviation of log-price within a category (`price.spread`, default 0.4).
    public var spread: Double = 0.4
    /// Utility lost per standard deviation of price above the category's median
    /// (`price.sensitivity`, default 0.3).
    public var sensitivity: Double = 0.3
    /// Correlation of an item's within-category price with its quality, in `[-1, 1]`
    /// (`price.quality_correlation`, default 0.5): better goods cost more.
    public var qualityCorrelation: Double = 0.5

    /// Creates the default prices.
    public init() {}
}

/// Seasonal demand of an e-commerce catalog: some items sell around a yearly peak
/// (holiday gifts, summer goods).
///
/// A seasonal item peaking in month m gains `amplitude · exp(κ(cos(2π(t/period − (m − ½)/12)) − 1))`
/// utility at time t: a von Mises bump of sharpness κ, worth `amplitude` at the peak.
public struct SeasonalDemandConfig: Hashable, Sendable {
    /// Share of items with a seasonal peak, in `[0, 1]` (`seasonal.share`, default 0.3).
    public var share: Double = 0.3
    /// Utility gained at the peak (`seasonal.amplitude`, default 0.6).
    public var amplitude: Double = 0.6
    /// Length of the seasonal cycle in days (`seasonal.period_days`, default 365).
    public var periodDays: Double = 365
    /// Sharpness κ of the peak (`seasonal.sharpness`, default 4).
    public var sharpness: Double = 4

    /// Creates the default seasonality.
    public init() {}
}

/// The knobs of an e-commerce world: a catalog of products in categories and
/// sub-categories with brands, prices and seasonal demand; users click, purchase and
/// sometimes rate.
///
/// The shared knobs live in ``common`` and read as if they were the config's own
/// (`config.users`). Every default is the value a scenario file gets when it leaves the
/// key out.
@dynamicMemberLookup
public struct EcommerceWorldConfig: Hashable, Sendable {
    /// The knobs every family shares.
    public var common = CommonWorldConfig()

    // MARK: - Catalog

    /// Number of product categories (`world.categories`, default 10).
    public var categories: Int = 10
    /// Sub-categories per category (`world.subcategories`, default 4).
    public var subcategories: Int = 4
    /// Number of brands (`world.brands`, default 50).
    public var brands: Int = 50
    /// Prices (`world.price`).
    public var price = PriceConfig()
    /// Seasonal demand (`world.seasonal`).
    public var seasonal = SeasonalDemandConfig()

    // MARK: - Feedback

    /// Probability that a click becomes a purchase, by utility
    /// (`world.purchase.intercept` and `.slope`, default σ(0 + 1.5·u)).
    public var purchase = LogisticResponse(intercept: 0, slope: 1.5)
    /// Probability that a purchase is rated, in `[0, 1]` (`world.rating_probability`, default 0.8).
    public var ratingProbability: Double = 0.8
    /// Standard deviation of the noise added to utility before it is cut into a 1–5
    /// rating (`world.rating_noise`, default 0.3).
    public var ratingNoise: Double = 0.3
    /// Ordinal thresholds on noisy utility separating ratings 1|2, 2|3, 3|4 and 4|5,
    /// increasing (`world.rating_thresholds`, default [−1, −0.3, 0.3, 1]); an ordered
    /// probit model (McKelvey & Zavoina, J. Math. Sociology 1975).
    public var ratingThresholds: [Double] = [-1.0, -0.3, 0.3, 1.0]
    /// What the dataset holds (`world.dataset_signal`, default rated purchases).
    public var signal: EcommerceSignal = .rating

    /// Creates the default configuration.
    public init() {}

    /// Reads and writes the shared knobs as if they were this config's own.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<CommonWorldConfig, Value>) -> Value {
        get { common[keyPath: keyPath] }
        set { common[keyPath: keyPath] = newValue }
    }

    /// An estimate of the memory the generated world needs, in bytes, checked before
    /// allocating so that an absurd scenario is refused instead of exhausting memory.
    public var estimatedBytes: Double {
        let loggedPerStored: Double
        switch signal {
        case .rating: loggedPerStored = 1 / max(0.05, 0.5 * ratingProbability)
        case .purchase: loggedPerStored = 2
        case .click: loggedPerStored = 1
        }
        return common.estimatedBytes(loggedPerStored: loggedPerStored, itemFeatureBytes: 20, groups: categories)
    }
}
