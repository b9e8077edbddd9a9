/// The configuration of a world of any family: what a scenario file's `family` and
/// `world` keys decode to.
public enum WorldConfig: Hashable, Sendable {
    /// An e-commerce world.
    case ecommerce(EcommerceWorldConfig)
    /// A video world.
    case video(VideoWorldConfig)
    /// A news world.
    case news(NewsWorldConfig)

    /// The world's family.
    public var family: WorldFamily {
        switch self {
        case .ecommerce: return .ecommerce
        case .video: return .video
        case .news: return .news
        }
    }

    /// The knobs every family shares.
    public var common: CommonWorldConfig {
        get {
            switch self {
            case let .ecommerce(config): return config.common
            case let .video(config): return config.common
            case let .news(config): return config.common
            }
        }
        set {
            switch self {
            case var .ecommerce(config):
                config.common = newValue
                self = .ecommerce(config)
            case var .video(config):
                config.common = newValue
                self = .video(config)
            case var .news(config):
                config.common = newValue
                self = .news(config)
            }
        }
    }

    /// An estimate of the memory the world needs, in bytes, checked before generating it.
    public var estimatedBytes: Double {
        switch self {
        case let .ecommerce(config): return config.estimatedBytes
        case let .video(config): return config.estimatedBytes
        case let .news(config): return config.estimatedBytes
        }
    }

    /// Generates the world for `seed`, using every core.
    public func generate(seed: UInt64) -> World {
        generate(seed: seed, threads: ParallelChunks.defaultThreads)
    }

    /// Generates the world for `seed` with `threads` worker threads; the world is the
    /// same for any thread count.
    public func generate(seed: UInt64, threads: Int) -> World {
        WorldGenerator.generate(self, seed: seed, threads: max(1, threads))
    }
}
