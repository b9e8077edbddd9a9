import Evaluation
import Simulation

extension TransferConfig {
    /// The keys of the world that describe its users, which `population` may change; the
    /// others (catalog, behaviour, drift) make the world the users live in.
    static let populationKeys = [
        "users", "archetype_sharpness", "archetype_mix", "feature_share", "individual_noise",
        "interactions_per_user", "min_interactions_per_user", "activity", "activity_spread", "interactions_per_session",
    ]

    /// The cold-start keys the transfer protocol takes: all but the breakdowns, partitions
    /// and sampled rankings, which it does not report.
    static var coldStartFields: [ScenarioField<ColdStartConfig>] {
        ColdStartConfig.fields.filter { !["sampled_ranking", "segments", "partitions"].contains($0.name) }
    }

    /// The world fields `population` takes, for `Config`'s family.
    static func populationFields<Config: FamilyWorldConfig>(_: Config.Type) -> [ScenarioField<Config>] {
        Config.commonFields.filter { populationKeys.contains($0.name) }
    }

    /// The keys of `protocols.transfer`: `population`, then the cold-start keys.
    static var keys: [SchemaKey] {
        [
            SchemaKey(
                "population",
                .mapping(populationFields(EcommerceWorldConfig.self).keys(defaults: EcommerceWorldConfig())),
                "The shifted population: population keys of the world (defaults: the world's own values), changed for fresh users of the same world.",
                required: true
            )
        ] + coldStartFields.keys(defaults: ColdStartConfig())
    }
}
