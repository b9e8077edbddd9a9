import Simulation

extension FamilyWorldConfig {
    /// The keys every family's `world` mapping accepts, in the order errors list them.
    static var commonFields: [ScenarioField<Self>] {
        [
            .integer("users", \.common.users, 10...50_000_000, "Number of users."),
            .integer(
                "items", \.common.items, 10...10_000_000,
                "Number of items in the catalog; for news, the articles published over the whole clock."),
            .integer(
                "latent_dimension", \.common.latentDimension, 1...1_024,
                "Dimension of the hidden user and item vectors."),
            .number("days", \.common.days, 0.01...3_650, "Length of the simulated period in days."),

            .integer(
                "archetypes", \.common.archetypes, 1...1_000, "Number of preference archetypes users are mixtures of."),
            .number(
                "archetype_sharpness", \.common.archetypeSharpness, 0...100,
                "How sharply a user's mixture concentrates on their leading archetype (softmax scale)."),
            .share(
                "feature_share", \.common.featureShare,
                "Share of the archetype-logit variance explained by observable demographics: what a model can know of a user with no interactions."
            ),
            .number(
                "individual_noise", \.common.individualNoise, 0...100,
                "Standard deviation of each user's idiosyncratic preference, scaled by sqrt(1 - feature_share)."),
            archetypeMixField,

            .integer(
                "interactions_per_user", \.common.interactionsPerUser, 1...100_000,
                "Mean number of dataset interactions per user."),
            .integer(
                "min_interactions_per_user", \.common.minimumInteractions, 1...100_000,
                "Fewest dataset interactions any user aims for; at most interactions_per_user."),
            activityField,
            activitySpreadField,
            .integer(
                "interactions_per_session", \.common.interactionsPerSession, 1...100_000,
                "Mean dataset interactions per session; sessions are spread uniformly over the clock."),

            .number(
                "popularity_exponent", \.common.popularityExponent, 0...5,
                "Exponent of the exposure popularity power law, weight proportional to rank^-exponent."),
            .number(
                "quality_spread", \.common.qualitySpread, 0...100,
                "Standard deviation of the item quality term added to every user's utility."),
            .share(
                "item_feature_share", \.common.itemFeatureShare,
                "Share of an item's hidden-vector variance explained by its observable features."),
            .optional(
                "content_embedding", \.common.contentEmbedding, defaults: ContentEmbeddingConfig(),
                "A dense content embedding per item.",
                [
                    .integer("dimension", \.dimension, 1...4_096, "Number of embedding components."),
                    .share(
                        "informativeness", \.informativeness,
                        "Share of the embedding's variance explained by the hidden item vector; the rest is noise."),
                ]),

            .integer(
                "slate_size", \.common.slateSize, 1...1_000,
                "Items shown per slate by the logging policy; at most items."),
            loggingPolicyField,
            .number(
                "choice_temperature", \.common.choiceTemperature, 0.01...100,
                "Temperature of the multinomial-logit choice; lower is more decisive."),
            .number(
                "no_choice_utility", \.common.noChoiceUtility, -100...100,
                "Utility of the no-choice option of the logit."),
            .number(
                "position_bias", \.common.positionBias, 0...10,
                "Exponent of the position bias: position k (from 0) is examined with weight (k + 1)^-exponent; 0 switches it off."
            ),

            driftField,
        ]
    }

    // MARK: - Archetype mix

    /// Logit offsets a scenario may give the archetypes.
    static var archetypeMixRange: ClosedRange<Double> { -20...20 }

    private static var archetypeMixField: ScenarioField<Self> {
        ScenarioField(
            name: "archetype_mix",
            summary:
                "The population's mix of archetypes: one logit offset per archetype, added to every user's archetype logits (a positive offset makes that archetype lead more users).",
            defaultNote: "none: every offset 0",
            type: { _ in .list(.number(archetypeMixRange), single: false, count: nil, unique: false) },
            read: { $0.common.archetypeMix.isEmpty ? nil : .list($0.common.archetypeMix.map(SchemaValue.number)) }
        ) { node, config, _ in
            config.common.archetypeMix = try node.sequence().map { try $0.double(in: archetypeMixRange) }
        }
    }

    // MARK: - Activity

    private static var activityField: ScenarioField<Self> {
        ScenarioField(
            name: "activity",
            summary:
                "Distribution of activity above the floor: geometric (light tail), lognormal or pareto (heavy tails).",
            type: { _ in .choice(ActivityDistribution.names) }, read: { .text($0.common.activity.name) }
        ) { node, config, _ in
            config.common.activity = ActivityDistribution(named: try node.choice(ActivityDistribution.names))
        }
    }

    private static var activitySpreadField: ScenarioField<Self> {
        ScenarioField(
            name: "activity_spread",
            summary:
                "lognormal: log-scale standard deviation in 0–5 (default 1); pareto: tail index in 1.05–100 (default 2.5); geometric takes none.",
            type: { _ in
                .number(ActivityDistribution.spreadRange.lowerBound...ActivityDistribution.tailIndexRange.upperBound)
            },
            read: { $0.common.activity.spread.map(SchemaValue.number) }
        ) { node, config, _ in
            switch config.common.activity {
            case .geometric: throw node.error("geometric activity takes no activity_spread")
            case .pareto:
                config.common.activity = .pareto(tailIndex: try node.double(in: ActivityDistribution.tailIndexRange))
            case .lognormal:
                config.common.activity = .lognormal(spread: try node.double(in: ActivityDistribution.spreadRange))
            }
        }
    }

    // MARK: - Logging policy

    private static var loggingPolicyField: ScenarioField<Self> {
        let shares: [(name: String, path: WritableKeyPath<LoggingPolicyConfig, Double>, summary: String)] = [
            (
                "popularity", \.popularity,
                "Share of slots filled by popularity, drawn by the power-law popularity weight."
            ),
            ("random", \.random, "Share of slots filled uniformly at random from the available items."),
            (
                "exploration", \.exploration,
                "Share of slots filled by long-tail exploration, uniformly from the less popular half."
            ),
        ]
        return ScenarioField(
            name: "logging_policy",
            summary: "The logging policy's mix of slot fillers; the shares sum to 1, and a share left out counts as 0.",
            type: { config in
                .mapping(
                    shares.map {
                        SchemaKey(
                            $0.name, .number(0...1), $0.summary,
                            default: .number(config.common.loggingPolicy[keyPath: $0.path]))
                    })
            },
            read: { config in
                .mapping(
                    shares.map { .init(key: $0.name, value: .number(config.common.loggingPolicy[keyPath: $0.path])) })
            }
        ) { node, config, _ in
            let fields = try node.mapping(allowed: shares.map(\.name))
            let given = try shares.map { share in try fields[share.name].map { try $0.double(in: 0...1) } }
            var policy = LoggingPolicyConfig()
            if given.contains(where: { $0 != nil }) {
                for (share, value) in zip(shares, given) { policy[keyPath: share.path] = value ?? 0 }
            }
            let total = policy.popularity + policy.random + policy.exploration
            guard abs(total - 1) < 1e-6 else {
                throw node.error(
                    "popularity + random + exploration must be 1, found \(total) (a share left out counts as 0)")
            }
            config.common.loggingPolicy = policy
        }
    }

    // MARK: - Drift

    private static var driftField: ScenarioField<Self> {
        ScenarioField(
            name: "drift", summary: "Drift processes applied together, each a mapping with a kind and its settings.",
            defaultNote: "none",
            type: { _ in
                .list(
                    .variants(discriminator: "kind", DriftKind.all.map(\.variant)), single: false, count: nil,
                    unique: false)
            },
            read: { _ in nil }
        ) { node, config, _ in
            config.common.drift = try DriftKind.decodeList(node, family: family, days: config.common.days)
        }
    }
}

// MARK: - Activity names

extension ActivityDistribution {
    /// Log-normal spreads a scenario may give.
    static let spreadRange = 0.0...5
    /// Pareto tail indices a scenario may give.
    static let tailIndexRange = 1.05...100.0

    /// The distribution named `name` (``names``) with its default spread: log-normal 1,
    /// Pareto tail index 2.5.
    init(named name: String) {
        switch name {
        case "geometric": self = .geometric
        case "pareto": self = .pareto(tailIndex: 2.5)
        default: self = .lognormal(spread: 1)
        }
    }

    /// The name scenario files use.
    var name: String {
        switch self {
        case .geometric: return "geometric"
        case .lognormal: return "lognormal"
        case .pareto: return "pareto"
        }
    }

    /// The spread or tail index; `nil` for geometric.
    var spread: Double? {
        switch self {
        case .geometric: return nil
        case let .lognormal(spread): return spread
        case let .pareto(tailIndex): return tailIndex
        }
    }
}
