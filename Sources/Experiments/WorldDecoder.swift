import Foundation
import Simulation

/// Decodes a scenario's `family` and `world` keys into a ``WorldConfig``, checking every
/// knob's range and the settings' consistency, and that the world fits in memory,
/// before anything is allocated. Errors name the file, line and field.
struct WorldDecoder {
    /// Bytes of memory a world may need at most.
    let memoryBudget: Double

    /// The world configuration given by the `family` node and the optional `world` node.
    func decode(family familyNode: SpecNode, world worldNode: SpecNode?) throws -> WorldConfig {
        let family = try decodeFamily(familyNode)
        let config: WorldConfig
        switch family {
        case .ecommerce:
            config = .ecommerce(try decode(EcommerceWorldConfig(), family: family, world: worldNode, keys: Self.ecommerceKeys, specific: decodeEcommerce))
        case .video:
            config = .video(try decode(VideoWorldConfig(), family: family, world: worldNode, keys: Self.videoKeys, specific: decodeVideo))
        case .news:
            config = .news(try decode(NewsWorldConfig(), family: family, world: worldNode, keys: Self.newsKeys, specific: decodeNews))
        }
        if config.estimatedBytes > memoryBudget {
            let gib = { (bytes: Double) in String(format: "%.1f GiB", bytes / 1_073_741_824) }
            throw (worldNode ?? familyNode).error(
                "this world needs about \(gib(config.estimatedBytes)), more than the \(gib(memoryBudget)) allowed on this machine "
                    + "(half the smallest of physical memory, the cgroup limit and ulimit -v)"
            )
        }
        return config
    }

    /// One family's configuration: its defaults, overridden by the common keys and then by
    /// the family's own `keys` of the `world` node, when there is one.
    private func decode<Config: FamilyWorldConfig>(
        _ defaults: Config, family: WorldFamily, world worldNode: SpecNode?, keys: [String],
        specific: (SpecNode.Mapping, inout Config) throws -> Void
    ) throws -> Config {
        var config = defaults
        guard let worldNode else { return config }
        let world = try worldNode.mapping(allowed: Self.commonKeys + keys)
        config.common = try decodeCommon(world, family: family, defaults: config.common)
        try specific(world, &config)
        return config
    }

    private func decodeFamily(_ node: SpecNode) throws -> WorldFamily {
        WorldFamily(rawValue: try node.choice(WorldFamily.allCases.map(\.rawValue))) ?? .ecommerce
    }

    // MARK: - Shared helpers

    /// A probability: a number in `[0, 1]`.
    static func probability(_ node: SpecNode) throws -> Double {
        try node.double(in: 0...1)
    }

    /// A `{intercept, slope}` logistic response.
    static func logistic(_ node: SpecNode, defaults: LogisticResponse) throws -> LogisticResponse {
        let fields = try node.mapping(allowed: ["intercept", "slope"])
        var response = defaults
        if let value = fields["intercept"] { response.intercept = try value.double(in: -100...100) }
        if let value = fields["slope"] { response.slope = try value.double(in: -100...100) }
        return response
    }
}
