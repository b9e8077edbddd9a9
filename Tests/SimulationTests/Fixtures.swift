import RecData
@testable import Simulation

/// Small worlds shared by the simulation tests (generated once per test process).
enum Fixtures {
    /// A small e-commerce world with every drift process switched on.
    static var ecommerceConfig: EcommerceWorldConfig {
        var config = EcommerceWorldConfig()
        config.users = 400
        config.items = 300
        config.categories = 6
        config.days = 40
        config.interactionsPerUser = 20
        config.minimumInteractions = 8
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
    static var videoConfig: VideoWorldConfig {
        var config = VideoWorldConfig()
        config.users = 400
        config.items = 300
        config.genres = 6
        config.creators = 40
        config.days = 30
        config.interactionsPerUser = 20
        config.minimumInteractions = 8
        config.drift = [.gradual(GradualDriftConfig()), .burst(BurstDriftConfig())]
        return config
    }

    /// A small news world with a trend.
    static var newsConfig: NewsWorldConfig {
        var config = NewsWorldConfig()
        config.users = 400
        config.items = 1_500
        config.topics = 6
        config.sources = 8
        config.days = 10
        config.interactionsPerUser = 15
        config.minimumInteractions = 6
        config.drift = [.trend(TrendDriftConfig())]
        return config
    }

    /// The configuration of the small world of `family`.
    static func config(_ family: WorldFamily) -> WorldConfig {
        switch family {
        case .ecommerce: return .ecommerce(ecommerceConfig)
        case .video: return .video(videoConfig)
        case .news: return .news(newsConfig)
        }
    }

    static let ecommerce = WorldConfig.ecommerce(ecommerceConfig).generate(seed: 7, threads: 2)
    static let video = WorldConfig.video(videoConfig).generate(seed: 7, threads: 2)
    static let news = WorldConfig.news(newsConfig).generate(seed: 7, threads: 2)

    /// The Normal quantile used for statistical tolerances: |z| > 4 happens with
    /// probability 6e-5 under the configured distribution.
    static let z = 4.0
}

extension World {
    /// Everything a world's identity consists of, for comparisons.
    var fingerprint: [String] {
        [
            "\(dataset.interactions)", "\(log.datasetDetails.map(\.rawValue))", "\(log.otherChoices)",
            "\(log.otherDetails.map(\.rawValue))", "\(oracle.userVectors)", "\(oracle.itemVectors)",
            "\(shiftEvents)", "\(dataset.items.schema)", "\(dataset.items.columns.map(\.column))",
            "\(dataset.users.columns.map(\.column))", "\(generation.slatesShown)",
        ]
    }
}
