/// The configuration of a world of any family: what a scenario file's `family` and
/// `world` keys decode to.
public enum WorldConfig: Hashable, Sendable {
    /// An e-commerce world.
    case ecommerce(EcommerceWorldConfig)

    /// The world's family.
    public var family: WorldFamily {
        switch self {
        case .ecommerce: return .ecommerce
        }
    }

    /// An estimate of the memory the world needs, in bytes, checked before generating it.
    public var estimatedBytes: Double {
        switch self {
        case let .ecommerce(config): return config.estimatedBytes
        }
    }

    /// Generates the world for `seed`.
    public func generate(seed: UInt64) -> World {
        switch self {
        case let .ecommerce(config): return EcommerceWorldGenerator(config: config).generate(seed: seed)
        }
    }
}
