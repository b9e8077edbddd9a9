/// Generates an e-commerce world; the same as `WorldConfig.ecommerce(config).generate(seed:)`.
public struct EcommerceWorldGenerator: Sendable {
    /// The world's configuration.
    public let config: EcommerceWorldConfig

    /// Creates a generator.
    public init(config: EcommerceWorldConfig) {
        self.config = config
    }

    /// Generates the world for `seed`.
    public func generate(seed: UInt64) -> World {
        WorldConfig.ecommerce(config).generate(seed: seed)
    }

    /// The 1–5 rating that noisy utility `value` falls into under the default thresholds.
    public static func rating(for value: Double) -> Float {
        Float(EcommerceFeedback(config: EcommerceWorldConfig()).rating(for: value))
    }
}
