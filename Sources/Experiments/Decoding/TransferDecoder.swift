import Evaluation
import Simulation

/// Decodes `protocols.transfer`: a `population` mapping of the world's population keys
/// (``TransferConfig/populationKeys``) and the cold-start keys both populations are
/// evaluated with. A world key that is not a population key, and a transfer block on a
/// real dataset, are errors naming the file, line and field.
struct TransferDecoder {
    /// The scenario's world; `nil` for a real dataset.
    let world: WorldConfig?
    /// Bytes of memory the shifted world may need at most.
    let memoryBudget: Double

    func decode(_ node: SpecNode, context: DecodingContext) throws -> TransferConfig {
        guard let world else {
            throw node.error(
                "the transfer protocol shifts a simulated world's population; a real dataset has none to shift (use family and world, or drop protocols.transfer)"
            )
        }
        var config = TransferConfig(world: world)
        let mapping = try node.mapping(allowed: TransferConfig.keys.names)
        for field in TransferConfig.coldStartFields {
            if let value = mapping[field.name] { try field.decode(value, &config.coldStart, context) }
        }
        let population = try mapping.required("population")
        switch world {
        case let .ecommerce(family):
            (config.shiftedWorld, config.note) = try shift(family, by: population, wrap: WorldConfig.ecommerce)
        case let .video(family):
            (config.shiftedWorld, config.note) = try shift(family, by: population, wrap: WorldConfig.video)
        case let .news(family):
            (config.shiftedWorld, config.note) = try shift(family, by: population, wrap: WorldConfig.news)
        }
        config.shiftedWorld.common.populationDraw = TransferConfig.populationDraw
        if config.shiftedWorld.estimatedBytes > memoryBudget {
            throw population.error(
                "the shifted population's world needs more memory than this machine allows; give it fewer users")
        }
        return config
    }

    /// `world` with the population keys of `node` changed, checked as a world is, and the
    /// keys given with their values.
    private func shift<Config: FamilyWorldConfig>(
        _ world: Config, by node: SpecNode, wrap: (Config) -> WorldConfig
    ) throws -> (WorldConfig, String) {
        let worldKeys = Config.worldFields.map(\.name)
        let mapping = try node.mapping(allowed: worldKeys)
        for key in worldKeys where !TransferConfig.populationKeys.contains(key) {
            guard let value = mapping[key] else { continue }
            throw value.error(
                "'\(key)' is not a population key: it changes the world the users live in, not the users; population keys: "
                    + TransferConfig.populationKeys.joined(separator: ", ")
            )
        }
        var shifted = world
        let fields = TransferConfig.populationFields(Config.self)
        let decoded = try node.decode(fields, into: &shifted, context: DecodingContext())
        try WorldDecoder(memoryBudget: memoryBudget).checkCommon(decoded, shifted.common)
        let given = fields.filter { decoded[$0.name] != nil }.map { field in
            "\(field.name): \(field.read(shifted)?.flowText ?? "none")"
        }
        return (wrap(shifted), given.isEmpty ? "none changed" : given.joined(separator: ", "))
    }
}
