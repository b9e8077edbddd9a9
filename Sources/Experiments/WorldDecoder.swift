import Foundation
import Simulation

/// Decodes a scenario's `family` and `world` keys into a ``WorldConfig``, checking every
/// knob's range and that the world fits in memory before anything is allocated.
struct WorldDecoder {
    /// Bytes of memory a world may need at most.
    let memoryBudget: Double

    static let ecommerceKeys = [
        "users", "items", "categories", "latent_dimension", "interactions_per_user", "min_interactions_per_user",
        "popularity_exponent", "slate_size", "feature_share", "choice_temperature", "no_choice_utility", "rating_noise",
    ]

    /// The world configuration given by the `family` node and the optional `world` node.
    func decode(family familyNode: SpecNode, world worldNode: SpecNode?) throws -> WorldConfig {
        let family = try decodeFamily(familyNode)
        let config: WorldConfig
        switch family {
        case .ecommerce: config = .ecommerce(try decodeEcommerce(worldNode))
        case .video, .news: throw familyNode.error("the '\(family.rawValue)' world is not simulated yet; available: ecommerce")
        }
        if config.estimatedBytes > memoryBudget {
            let gib = { (bytes: Double) in String(format: "%.1f GiB", bytes / 1_073_741_824) }
            throw (worldNode ?? familyNode).error(
                "this world needs about \(gib(config.estimatedBytes)), more than the \(gib(memoryBudget)) allowed on this machine"
            )
        }
        return config
    }

    private func decodeFamily(_ node: SpecNode) throws -> WorldFamily {
        WorldFamily(rawValue: try node.choice(WorldFamily.allCases.map(\.rawValue))) ?? .ecommerce
    }

    private func decodeEcommerce(_ node: SpecNode?) throws -> EcommerceWorldConfig {
        var config = EcommerceWorldConfig()
        guard let node else { return config }
        let world = try node.mapping(allowed: Self.ecommerceKeys)
        if let value = world["users"] { config.users = try value.int(in: 10...50_000_000) }
        if let value = world["items"] { config.items = try value.int(in: 10...10_000_000) }
        if let value = world["categories"] { config.categories = try value.int(in: 1...100_000) }
        if let value = world["latent_dimension"] { config.latentDimension = try value.int(in: 1...1_024) }
        if let value = world["interactions_per_user"] { config.interactionsPerUser = try value.int(in: 1...100_000) }
        if let value = world["min_interactions_per_user"] { config.minimumInteractions = try value.int(in: 1...100_000) }
        if let value = world["popularity_exponent"] { config.popularityExponent = try value.double(in: 0...5) }
        if let value = world["slate_size"] { config.slateSize = try value.int(in: 1...1_000) }
        if let value = world["feature_share"] { config.featureShare = try value.double(in: 0...1) }
        if let value = world["choice_temperature"] { config.choiceTemperature = try value.double(in: 0.01...100) }
        if let value = world["no_choice_utility"] { config.noChoiceUtility = try value.double(in: -100...100) }
        if let value = world["rating_noise"] { config.ratingNoise = try value.double(in: 0...100) }
        if config.minimumInteractions > config.interactionsPerUser {
            throw (world["min_interactions_per_user"] ?? node).error(
                "min_interactions_per_user (\(config.minimumInteractions)) exceeds interactions_per_user (\(config.interactionsPerUser))"
            )
        }
        if config.slateSize > config.items {
            throw (world["slate_size"] ?? node).error("slate_size (\(config.slateSize)) exceeds the catalog's \(config.items) items")
        }
        return config
    }
}
