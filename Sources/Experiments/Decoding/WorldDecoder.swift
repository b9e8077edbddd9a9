import Foundation
import Simulation

/// Decodes a scenario's `family` and `world` keys into a ``WorldConfig``, checking every
/// knob against the schema (``FamilyWorldConfig/worldFields``) and the settings'
/// consistency, and that the world fits in memory, before anything is allocated. Errors
/// name the file, line and field.
struct WorldDecoder {
    /// Bytes of memory a world may need at most.
    let memoryBudget: Double

    /// The world configuration given by the `family` node and the optional `world` node.
    func decode(family familyNode: SpecNode, world worldNode: SpecNode?) throws -> WorldConfig {
        let family = try decodeFamily(familyNode)
        let config: WorldConfig
        switch family {
        case .ecommerce: config = .ecommerce(try decode(world: worldNode, check: checkEcommerce))
        case .video: config = .video(try decode(world: worldNode, check: checkVideo))
        case .news: config = .news(try decode(world: worldNode, check: checkNews))
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

    /// One family's configuration: its defaults, overridden by the keys of the `world`
    /// node when there is one, then checked for consistency.
    private func decode<Config: FamilyWorldConfig>(
        world worldNode: SpecNode?, check: (SpecNode.Mapping, Config) throws -> Void
    ) throws -> Config {
        var config = Config()
        guard let worldNode else { return config }
        let world = try worldNode.decode(Config.worldFields, into: &config, context: DecodingContext())
        try checkCommon(world, config.common)
        try check(world, config)
        return config
    }

    private func decodeFamily(_ node: SpecNode) throws -> WorldFamily {
        WorldFamily(rawValue: try node.choice(WorldFamily.allCases.map(\.rawValue))) ?? .ecommerce
    }
}
