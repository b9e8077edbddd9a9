import Simulation

/// The small simulated worlds the test targets share, one fixture set for every family.
public enum TestWorlds {
    /// A small e-commerce world with every drift process switched on.
    public static var ecommerceConfig: EcommerceWorldConfig {
        var config = EcommerceWorldConfig()
        config.common.resize(users: 400, items: 300, interactionsPerUser: 20, minimumInteractions: 8)
        config.categories = 6
        config.days = 40
        config.contentEmbedding = ContentEmbeddingConfig(dimension: 6, informativeness: 0.5)
        config.drift = [
            .gradual(GradualDriftConfig()),
            .sudden(SuddenDriftConfig(atDay: 20, share: 0.3)),
            .periodic(PeriodicDriftConfig()),
            .trend(TrendDriftConfig()),
            .burst(BurstDriftConfig()),
            .churn(ItemChurnConfig()),
            .reinforcement(ReinforcementConfig()),
        ]
        return config
    }

    /// A small video world with gradual drift and bursts.
    public static var videoConfig: VideoWorldConfig {
        var config = VideoWorldConfig()
        config.common.resize(users: 400, items: 300, interactionsPerUser: 20, minimumInteractions: 8)
        config.genres = 6
        config.creators = 40
        config.days = 30
        config.drift = [.gradual(GradualDriftConfig()), .burst(BurstDriftConfig())]
        return config
    }

    /// A small news world with a trend.
    public static var newsConfig: NewsWorldConfig {
        var config = NewsWorldConfig()
        config.common.resize(users: 400, items: 1_500, interactionsPerUser: 15, minimumInteractions: 6)
        config.topics = 6
        config.sources = 8
        config.days = 10
        config.drift = [.trend(TrendDriftConfig())]
        return config
    }

    /// The configuration of the small world of `family`.
    public static func config(_ family: WorldFamily) -> WorldConfig {
        switch family {
        case .ecommerce: return .ecommerce(ecommerceConfig)
        case .video: return .video(videoConfig)
        case .news: return .news(newsConfig)
        }
    }

    /// The small e-commerce world, seed 7 (generated once per test process).
    public static let ecommerce = config(.ecommerce).generate(seed: 7, threads: 2)
    /// The small video world, seed 7.
    public static let video = config(.video).generate(seed: 7, threads: 2)
    /// The small news world, seed 7.
    public static let news = config(.news).generate(seed: 7, threads: 2)

    /// The small world of `family`, seed 7.
    public static func world(_ family: WorldFamily) -> World {
        switch family {
        case .ecommerce: return ecommerce
        case .video: return video
        case .news: return news
        }
    }
}

extension CommonWorldConfig {
    /// Sizes a small test world: `users` users and `items` items, each user aiming at
    /// `interactionsPerUser` interactions and keeping at least `minimumInteractions`.
    public mutating func resize(users: Int, items: Int, interactionsPerUser: Int, minimumInteractions: Int) {
        self.users = users
        self.items = items
        self.interactionsPerUser = interactionsPerUser
        self.minimumInteractions = minimumInteractions
    }
}
