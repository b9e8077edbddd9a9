import RecData
import Simulation

extension WorldConfig {
    /// The family's default configuration.
    static func defaults(for family: WorldFamily) -> WorldConfig {
        switch family {
        case .ecommerce: return .ecommerce(EcommerceWorldConfig())
        case .video: return .video(VideoWorldConfig())
        case .news: return .news(NewsWorldConfig())
        }
    }

    /// Sets the dataset signal to rated feedback (`rated`) or the family's implicit
    /// signal, and returns the parameter.
    mutating func setSignal(rated: Bool) -> FittedParameter? {
        switch self {
        case var .ecommerce(config):
            config.signal = rated ? .rating : .purchase
            self = .ecommerce(config)
            return FittedParameter(
                key: "dataset_signal", value: config.signal.rawValue,
                method: rated
                    ? "the dataset is rated"
                    : "implicit feedback: purchases (a click or purchase rate is not identifiable from positives alone)"
            )
        case var .video(config):
            config.signal = rated ? .watch : .view
            self = .video(config)
            return FittedParameter(
                key: "dataset_signal", value: config.signal.rawValue,
                method: rated
                    ? "the dataset is rated: ratings mapped onto watch fractions 0–1" : "implicit feedback: every watch"
            )
        case .news:
            return nil
        }
    }

    /// The e-commerce rating thresholds (nil for other families).
    var ratingThresholds: [Double]? {
        get {
            if case let .ecommerce(config) = self { return config.ratingThresholds }
            return nil
        }
        set {
            guard case var .ecommerce(config) = self, let newValue else { return }
            config.ratingThresholds = newValue
            self = .ecommerce(config)
        }
    }

    /// The video watch intercept (nil for other families).
    var watchIntercept: Double? {
        get {
            if case let .video(config) = self { return config.watch.intercept }
            return nil
        }
        set {
            guard case var .video(config) = self, let newValue else { return }
            config.watch.intercept = newValue
            self = .video(config)
        }
    }

    /// Sets the catalog knobs the dataset's item features correspond to (see
    /// ``FeatureCardinalities``) and returns them.
    mutating func applyCatalogKnobs(_ features: FeatureCardinalities) -> [FittedParameter] {
        let aliases = FeatureCardinalities.aliases[family] ?? [:]
        func match(_ knob: String) -> FeatureCardinalities.Entry? {
            features.item(named: aliases[knob] ?? []).flatMap { $0.distinct >= 1 ? $0 : nil }
        }
        func parameter(_ knob: String, _ value: Int, _ entry: FeatureCardinalities.Entry) -> FittedParameter {
            FittedParameter(key: knob, value: String(value), method: "distinct values of item feature '\(entry.name)'")
        }
        var fitted = [FittedParameter]()
        switch self {
        case var .ecommerce(config):
            if let entry = match("categories") {
                config.categories = entry.distinct
                fitted.append(parameter("categories", entry.distinct, entry))
            }
            if let entry = match("subcategories") {
                config.subcategories = max(1, Int((Double(entry.distinct) / Double(config.categories)).rounded()))
                fitted.append(
                    FittedParameter(
                        key: "subcategories", value: String(config.subcategories),
                        method: "distinct values of item feature '\(entry.name)' per category"
                    ))
            }
            if let entry = match("brands") {
                config.brands = entry.distinct
                fitted.append(parameter("brands", entry.distinct, entry))
            }
            self = .ecommerce(config)
        case var .video(config):
            if let entry = match("genres") {
                config.genres = entry.distinct
                config.maxGenres = min(entry.distinct, max(1, entry.longestList))
                fitted.append(parameter("genres", entry.distinct, entry))
                fitted.append(
                    FittedParameter(
                        key: "max_genres", value: String(config.maxGenres),
                        method: "longest list of item feature '\(entry.name)'"
                    ))
            }
            if let entry = match("creators") {
                config.creators = entry.distinct
                fitted.append(parameter("creators", entry.distinct, entry))
            }
            self = .video(config)
        case var .news(config):
            if let entry = match("topics") {
                config.topics = entry.distinct
                fitted.append(parameter("topics", entry.distinct, entry))
            }
            if let entry = match("sources") {
                config.sources = entry.distinct
                fitted.append(parameter("sources", entry.distinct, entry))
            }
            self = .news(config)
        }
        return fitted
    }

    /// For news: lengthens the article lifetime, if needed, so that at least four slates'
    /// worth of articles are live at a time (the scenario loader requires two).
    mutating func ensureLiveArticles() -> FittedParameter? {
        guard case var .news(config) = self else { return nil }
        let needed = Double(4 * config.slateSize)
        guard config.expectedLiveArticles < needed else { return nil }
        let items = Double(config.items)
        let days = config.days
        guard items > needed else { return nil }
        config.lifetimeHours = (24 * needed * days / (items - needed)).rounded(.up)
        self = .news(config)
        return FittedParameter(
            key: "lifetime_hours", value: FittedParameter.number(config.lifetimeHours),
            method: "lengthened so that about four slates of articles are live at a time"
        )
    }
}
