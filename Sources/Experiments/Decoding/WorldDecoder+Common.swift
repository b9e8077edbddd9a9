import Simulation

extension WorldDecoder {
    /// Keys every family's `world` mapping accepts.
    static let commonKeys = [
        "users", "items", "latent_dimension", "days",
        "archetypes", "archetype_sharpness", "feature_share", "individual_noise",
        "interactions_per_user", "min_interactions_per_user", "activity", "activity_spread", "interactions_per_session",
        "popularity_exponent", "quality_spread", "item_feature_share", "content_embedding",
        "slate_size", "logging_policy", "choice_temperature", "no_choice_utility", "position_bias",
        "drift",
    ]

    /// The shared knobs, starting from the family's defaults.
    func decodeCommon(_ world: SpecNode.Mapping, family: WorldFamily, defaults: CommonWorldConfig) throws -> CommonWorldConfig {
        var config = defaults
        if let value = world["users"] { config.users = try value.int(in: 10...50_000_000) }
        if let value = world["items"] { config.items = try value.int(in: 10...10_000_000) }
        if let value = world["latent_dimension"] { config.latentDimension = try value.int(in: 1...1_024) }
        if let value = world["days"] { config.days = try value.double(in: 0.01...3_650) }

        if let value = world["archetypes"] { config.archetypes = try value.int(in: 1...1_000) }
        if let value = world["archetype_sharpness"] { config.archetypeSharpness = try value.double(in: 0...100) }
        if let value = world["feature_share"] { config.featureShare = try Self.probability(value) }
        if let value = world["individual_noise"] { config.individualNoise = try value.double(in: 0...100) }

        if let value = world["interactions_per_user"] { config.interactionsPerUser = try value.int(in: 1...100_000) }
        if let value = world["min_interactions_per_user"] { config.minimumInteractions = try value.int(in: 1...100_000) }
        if let value = world["interactions_per_session"] { config.interactionsPerSession = try value.int(in: 1...100_000) }
        config.activity = try decodeActivity(world, defaults: config.activity)

        if let value = world["popularity_exponent"] { config.popularityExponent = try value.double(in: 0...5) }
        if let value = world["quality_spread"] { config.qualitySpread = try value.double(in: 0...100) }
        if let value = world["item_feature_share"] { config.itemFeatureShare = try Self.probability(value) }
        if let value = world["content_embedding"] { config.contentEmbedding = try decodeEmbedding(value) }

        if let value = world["slate_size"] { config.slateSize = try value.int(in: 1...1_000) }
        if let value = world["logging_policy"] { config.loggingPolicy = try decodePolicy(value) }
        if let value = world["choice_temperature"] { config.choiceTemperature = try value.double(in: 0.01...100) }
        if let value = world["no_choice_utility"] { config.noChoiceUtility = try value.double(in: -100...100) }
        if let value = world["position_bias"] { config.positionBias = try value.double(in: 0...10) }

        if config.minimumInteractions > config.interactionsPerUser {
            throw (world["min_interactions_per_user"] ?? world.owner).error(
                "min_interactions_per_user (\(config.minimumInteractions)) exceeds interactions_per_user (\(config.interactionsPerUser))"
            )
        }
        if config.slateSize > config.items {
            throw (world["slate_size"] ?? world.owner).error("slate_size (\(config.slateSize)) exceeds the catalog's \(config.items) items")
        }
        if let value = world["drift"] { config.drift = try decodeDrift(value, family: family, days: config.days) }
        return config
    }

    // MARK: - Blocks

    private func decodeActivity(_ world: SpecNode.Mapping, defaults: ActivityDistribution) throws -> ActivityDistribution {
        let name: String
        if let value = world["activity"] {
            name = try value.choice(ActivityDistribution.names)
        } else {
            switch defaults {
            case .geometric: name = "geometric"
            case .lognormal: name = "lognormal"
            case .pareto: name = "pareto"
            }
        }
        let spreadNode = world["activity_spread"]
        switch name {
        case "geometric":
            if let spreadNode { throw spreadNode.error("geometric activity takes no activity_spread") }
            return .geometric
        case "pareto":
            return .pareto(tailIndex: try spreadNode.map { try $0.double(in: 1.05...100) } ?? 2.5)
        default:
            return .lognormal(spread: try spreadNode.map { try $0.double(in: 0...5) } ?? 1)
        }
    }

    private func decodeEmbedding(_ node: SpecNode) throws -> ContentEmbeddingConfig {
        let fields = try node.mapping(allowed: ["dimension", "informativeness"])
        var config = ContentEmbeddingConfig()
        if let value = fields["dimension"] { config.dimension = try value.int(in: 1...4_096) }
        if let value = fields["informativeness"] { config.informativeness = try Self.probability(value) }
        return config
    }

    private func decodePolicy(_ node: SpecNode) throws -> LoggingPolicyConfig {
        let fields = try node.mapping(allowed: ["popularity", "random", "exploration"])
        let defaults = LoggingPolicyConfig()
        let popularity = try fields["popularity"].map(Self.probability)
        let random = try fields["random"].map(Self.probability)
        let exploration = try fields["exploration"].map(Self.probability)
        let given = [popularity, random, exploration].compactMap { $0 }
        var policy = LoggingPolicyConfig(
            popularity: popularity ?? 0, random: random ?? 0, exploration: exploration ?? 0
        )
        if given.isEmpty { policy = defaults }
        let total = policy.popularity + policy.random + policy.exploration
        guard abs(total - 1) < 1e-6 else {
            throw node.error("popularity + random + exploration must be 1, found \(total) (a share left out counts as 0)")
        }
        return policy
    }
}
