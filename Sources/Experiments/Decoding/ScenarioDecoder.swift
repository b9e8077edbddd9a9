import Evaluation
import Foundation
import Recommenders
import Reporting
import Simulation

/// Turns the YAML tree of a scenario file into a validated ``ScenarioSpec``, checking it
/// against the schema (``ScenarioSchema``).
struct ScenarioDecoder {
    let registry: ModelRegistry
    /// Bytes of memory a world may need at most (half of the machine's memory).
    let memoryBudget: Double

    func decode(_ root: SpecNode, sha256: String) throws -> ScenarioSpec {
        let top = try root.mapping(allowed: ScenarioSchema.scenarioKeys(registry: registry).names)
        let name = try top.required("name").string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw try top.required("name").error("a name is letters, digits, '-', '_' and '.'; found '\(name)'")
        }
        if let description = top["description"] { _ = try description.string() }
        let source = try decodeSource(top)
        let seeds = try top["seeds"].map(decodeSeeds) ?? ScenarioSchema.defaultSeeds
        let traits =
            source.world.map(DataTraits.init(world:)) ?? .realDataset(hasRatings: source.dataset?.hasRatings ?? true)
        let protocols = try decodeProtocols(top["protocols"], traits: traits, world: source.world, root: root)
        let requested = try top["metrics"].map(decodeMetrics) ?? ScenarioSchema.defaultMetrics.compactMap(Metric.init)
        let measured = MeasuredTask(
            metrics: requested, ranksInDrift: protocols.drift != nil, hasRatings: traits.hasRatings)
        let models = try decodeModels(
            top.required("models"), measured: measured, simulated: source.world != nil, running: protocols.kinds)
        let reference = try top["reference"].map { node in
            let label = try node.string()
            guard models.contains(where: { $0.label == label }) else {
                let labels = models.map(\.label)
                throw node.error(
                    "reference '\(label)' is not one of this scenario's models\(Suggestion.hint(for: label, among: labels)); models: \(labels.joined(separator: ", "))"
                )
            }
            return label
        }
        let (kept, dataNote) = try Self.withoutOracle(requested, source: source, node: top["metrics"] ?? root)
        let metrics = source.world == nil ? kept : Self.groundTruthFirst(kept)
        let formats = try decodeOutput(top["output"])
        return ScenarioSpec(
            name: name, path: root.file, sha256: sha256, world: source.world, dataset: source.dataset?.source,
            dataNote: dataNote, seeds: seeds,
            coldStart: protocols.coldStart, shotsLocation: protocols.shotsLocation, drift: protocols.drift,
            onboarding: protocols.onboarding,
            transfer: protocols.transfer, models: models, reference: reference, metrics: metrics, formats: formats
        )
    }

    // MARK: - Sections

    /// The simulated world (`family`, `world`) or the real dataset (`dataset`) a scenario names.
    private func decodeSource(_ top: SpecNode.Mapping) throws -> (world: WorldConfig?, dataset: DatasetDecoder.Decoded?)
    {
        guard let datasetNode = top["dataset"] else {
            return (
                try WorldDecoder(memoryBudget: memoryBudget).decode(
                    family: top.required("family"), world: top["world"]), nil
            )
        }
        if let simulated = top["family"] ?? top["world"] {
            throw simulated.error("a scenario names either a simulated world (family, world) or a dataset, not both")
        }
        return (nil, try DatasetDecoder().decode(datasetNode))
    }

    /// The metrics a scenario's data can give: a real dataset has no oracle, so its
    /// oracle-relative metrics are omitted, and the note the reports print says so.
    private static func withoutOracle(
        _ metrics: [Metric], source: (world: WorldConfig?, dataset: DatasetDecoder.Decoded?), node: SpecNode
    ) throws -> (metrics: [Metric], note: String?) {
        guard let dataset = source.dataset else { return (metrics, nil) }
        let omitted = metrics.filter { $0.family == .oracleRelative }
        let kept = metrics.filter { $0.family != .oracleRelative }
        guard !kept.isEmpty else {
            throw node.error(
                "a real dataset has no oracle, so \(omitted.map(\.description).joined(separator: ", ")) cannot be measured; list other metrics"
            )
        }
        let omission =
            omitted.isEmpty
            ? "No oracle: oracle-relative metrics are not measured."
            : "No oracle: oracle-relative metrics omitted (\(omitted.map(\.description).joined(separator: ", ")))."
        return (kept, "\(dataset.summary) \(omission)")
    }

    /// A simulated world's metrics with ground truth first: `oracle_ndcg@k`,
    /// `oracle_share@k` and `regret@k` (k the first listed cut-off, else 10) are added when
    /// not listed, and every oracle-relative metric comes before the logged ones.
    static func groundTruthFirst(_ metrics: [Metric]) -> [Metric] {
        let k = metrics.compactMap(\.cutoff).first ?? 10
        let listed = metrics.filter { $0.family == .oracleRelative }
        let added = [Metric.oracleNDCG(k: k), .oracleShare(k: k), .regret(k: k)].filter { !metrics.contains($0) }
        return listed + added + metrics.filter { $0.family != .oracleRelative }
    }

    private func decodeSeeds(_ node: SpecNode) throws -> [UInt64] {
        let seeds = try node.sequence(singleAllowed: true).map { UInt64(try $0.int(in: ScenarioSchema.seedValues)) }
        guard !seeds.isEmpty else { throw node.error("give at least one seed") }
        guard seeds.count <= ScenarioSpec.maximumSeeds else {
            throw node.error(
                "at most \(ScenarioSpec.maximumSeeds) seeds (each seed generates a world and runs every model on it), found \(seeds.count)"
            )
        }
        guard Set(seeds).count == seeds.count else { throw node.error("seeds must be distinct") }
        return seeds
    }

    /// The protocols a scenario runs.
    private struct Protocols {
        var coldStart: ColdStartConfig?
        var shotsLocation: FieldLocation
        var drift: DriftConfig?
        var onboarding: OnboardingConfig?
        var transfer: TransferConfig?

        /// The protocols the scenario runs.
        var kinds: Set<ScenarioProtocol> {
            var kinds = Set<ScenarioProtocol>()
            if coldStart != nil { kinds.insert(.coldStart) }
            if drift != nil { kinds.insert(.drift) }
            if onboarding != nil { kinds.insert(.onboarding) }
            if transfer != nil { kinds.insert(.transfer) }
            return kinds
        }
    }

    /// The protocols to run: the cold-start protocol with defaults when the scenario names
    /// none, else the ones it names. Onboarding needs a simulated world to answer its
    /// slates, transfer one whose population it can shift.
    private func decodeProtocols(_ node: SpecNode?, traits: DataTraits, world: WorldConfig?, root: SpecNode) throws
        -> Protocols
    {
        let shotsField = "protocols.cold_start.shots"
        let replay = world == nil
        guard let node else {
            var config = ColdStartConfig()
            config.measuresValidation = true
            config.measuresCost = true
            return Protocols(coldStart: config, shotsLocation: root.location(field: shotsField))
        }
        let protocols = try node.mapping(allowed: ScenarioSchema.protocolKeys.names)
        let drift = try protocols["drift"].map { try DriftDecoder(replay: replay).decode($0) }
        let onboarding = try protocols["onboarding"].map { onboardingNode in
            guard !replay else {
                throw onboardingNode.error(
                    "the onboarding protocol serves slates that a simulated world's users answer; a real dataset cannot answer them (use family and world, or drop protocols.onboarding)"
                )
            }
            return try OnboardingDecoder().decode(onboardingNode)
        }
        let transfer = try protocols["transfer"].map {
            try TransferDecoder(world: world, memoryBudget: memoryBudget).decode(
                $0, context: DecodingContext(traits: traits))
        }
        guard let coldNode = protocols["cold_start"] else {
            guard drift != nil || onboarding != nil || transfer != nil else {
                throw node.error(
                    "name at least one protocol: \(ScenarioSchema.protocolKeys.names.joined(separator: ", "))")
            }
            return Protocols(
                shotsLocation: node.location(field: shotsField), drift: drift, onboarding: onboarding,
                transfer: transfer)
        }
        let (coldStart, shotsLocation) = try decodeColdStart(coldNode, traits: traits, shotsField: shotsField)
        return Protocols(
            coldStart: coldStart, shotsLocation: shotsLocation, drift: drift, onboarding: onboarding, transfer: transfer
        )
    }

    /// The cold-start settings, measuring the validation users and the cost of adapting
    /// too, and where its sweep is set.
    private func decodeColdStart(_ coldNode: SpecNode, traits: DataTraits, shotsField: String) throws -> (
        ColdStartConfig, FieldLocation
    ) {
        var config = ColdStartConfig()
        config.measuresValidation = true
        config.measuresCost = true
        let decoded = try coldNode.decode(
            ColdStartConfig.fields, into: &config, context: DecodingContext(traits: traits))
        return (config, decoded["shots"]?.location() ?? coldNode.location(field: shotsField))
    }

    private func decodeModels(
        _ node: SpecNode, measured: MeasuredTask, simulated: Bool, running: Set<ScenarioProtocol>
    ) throws -> [ModelSpec] {
        let entries = try node.sequence()
        guard !entries.isEmpty else { throw node.error("list at least one model") }
        var models = [ModelSpec]()
        for entry in entries {
            let model = try decodeModel(entry, measured: measured, running: running)
            if !simulated, model.descriptor.name == OracleRecommender.modelName {
                throw entry.error(
                    "model 'oracle' ranks by true utility, which only a simulated world has; a dataset has none")
            }
            if models.contains(where: { $0.label == model.label }) {
                throw entry.error("model '\(model.label)' is listed twice; give one of them a different 'label'")
            }
            models.append(model)
        }
        return models
    }

    private func decodeModel(_ entry: SpecNode, measured: MeasuredTask, running: Set<ScenarioProtocol>) throws
        -> ModelSpec
    {
        let nameNode: SpecNode
        var label: String?
        var given = [String: ParameterValue]()
        var givenNodes = [String: SpecNode]()
        var paramsNode: SpecNode?
        var protocols = Set(ScenarioProtocol.allCases)
        var retrainEvery: Int?
        if case .scalar = entry.node {
            nameNode = entry
        } else {
            let fields = try entry.mapping(allowed: ScenarioSchema.modelKeys.names)
            nameNode = try fields.required("name")
            label = try fields["label"]?.string()
            paramsNode = fields["params"]
            if let protocolsNode = fields["protocols"] {
                protocols = try decodeModelProtocols(protocolsNode, running: running)
            }
            if let retrainNode = fields["retrain_every"] {
                guard running.contains(.drift), protocols.contains(.drift) else {
                    throw retrainNode.error(
                        "retrain_every sets this model's refits in the drift protocol, which it does not run; add protocols.drift (and drift to its protocols) or drop retrain_every"
                    )
                }
                retrainEvery = try retrainNode.int(in: ScenarioSchema.retrainIntervals)
            }
            if let external = fields["external"] {
                let (descriptor, parameters) = try ExternalModelDecoder(registry: registry)
                    .decode(name: nameNode, external: external, params: paramsNode)
                return ModelSpec(
                    label: label ?? descriptor.name, descriptor: descriptor, parameters: parameters,
                    protocols: protocols, retrainEvery: retrainEvery)
            }
        }
        let name = try nameNode.string()
        guard let descriptor = registry.descriptor(named: name) else {
            throw nameNode.error(
                "unknown model '\(name)'\(Suggestion.hint(for: name, among: registry.names)); available: \(registry.names.joined(separator: ", "))"
            )
        }
        if let paramsNode {
            for (key, value) in try paramsNode.pairs() {
                guard let spec = descriptor.parameters.first(where: { $0.name == key }) else {
                    let known = descriptor.parameters.map(\.name)
                    let allowed =
                        known.isEmpty
                        ? "model '\(name)' takes no parameters" : "allowed: \(known.joined(separator: ", "))"
                    throw value.error(
                        "unknown parameter '\(key)'\(Suggestion.hint(for: key, among: known)); \(allowed)")
                }
                given[key] = try decodeParameter(value, spec: spec)
                givenNodes[key] = value
            }
        }
        let parameters = try measured.resolvingObjective(
            descriptor.resolve(given), at: givenNodes, fallback: paramsNode ?? entry)
        let combinations = parameters.gridSize
        if let paramsNode, combinations > Self.largestGrid {
            throw paramsNode.error(
                "the grid has \(combinations) combinations; at most \(Self.largestGrid) are searched")
        }
        return ModelSpec(
            label: label ?? name, descriptor: descriptor, parameters: parameters, protocols: protocols,
            retrainEvery: retrainEvery)
    }

    /// A model entry's `protocols`: protocols the scenario runs, each once.
    private func decodeModelProtocols(_ node: SpecNode, running: Set<ScenarioProtocol>) throws
        -> Set<ScenarioProtocol>
    {
        let entries = try node.sequence(singleAllowed: true)
        guard !entries.isEmpty else { throw node.error("name at least one protocol the model runs in") }
        let runningNames = ScenarioProtocol.allCases.filter(running.contains).map(\.rawValue)
        var chosen = Set<ScenarioProtocol>()
        for entry in entries {
            let name = try entry.choice(ScenarioProtocol.allCases.map(\.rawValue))
            guard let kind = ScenarioProtocol(rawValue: name), running.contains(kind) else {
                throw entry.error(
                    "the scenario does not run protocol '\(name)'; it runs: \(runningNames.joined(separator: ", "))")
            }
            guard chosen.insert(kind).inserted else { throw entry.error("protocol '\(name)' is listed twice") }
        }
        return chosen
    }

    /// The most combinations a model's grid may have.
    static let largestGrid = 64

    /// A parameter's value, or a list of values: a grid searched on the validation users.
    private func decodeParameter(_ node: SpecNode, spec: ParameterSpec) throws -> ParameterValue {
        guard case .sequence = node.node else { return try decodeValue(node, spec: spec) }
        let values = try node.sequence().map { try decodeValue($0, spec: spec) }
        guard !values.isEmpty else { throw node.error("a grid lists at least one value") }
        guard Set(values).count == values.count else { throw node.error("a grid lists each value once") }
        return values.count == 1 ? values[0] : .list(values)
    }

    private func decodeValue(_ node: SpecNode, spec: ParameterSpec) throws -> ParameterValue {
        switch spec.kind {
        case let .int(range): return .int(try node.int(in: range))
        case let .double(range): return .double(try node.double(in: range))
        case let .choice(choices): return .string(try node.choice(choices))
        case .bool: return .bool(try node.bool())
        }
    }

    private func decodeMetrics(_ node: SpecNode) throws -> [Metric] {
        let entries = try node.sequence(singleAllowed: true)
        guard !entries.isEmpty else { throw node.error("list at least one metric") }
        var metrics = [Metric]()
        for entry in entries {
            let text = try entry.string()
            guard let metric = Metric(text) else {
                let cutoff = text.split(separator: "@").dropFirst().first.flatMap { Int($0) } ?? 10
                let candidates = Metric.names(cutoff: max(1, cutoff))
                let known = Metric.catalog.map(\.pattern).joined(separator: ", ")
                throw entry.error(
                    "unknown metric '\(text)'\(Suggestion.hint(for: text, among: candidates)); known: \(known)")
            }
            if !metrics.contains(metric) { metrics.append(metric) }
        }
        return metrics
    }

    private func decodeOutput(_ node: SpecNode?) throws -> Set<ReportFormat> {
        guard let node else { return Set(ReportFormat.allCases) }
        let output = try node.mapping(allowed: ScenarioSchema.outputKeys.names)
        guard let formatsNode = output["formats"] else { return Set(ReportFormat.allCases) }
        let names = ReportFormat.allCases.map(\.rawValue)
        let formats = try formatsNode.sequence(singleAllowed: true).map {
            ReportFormat(rawValue: try $0.choice(names)) ?? .json
        }
        return Set(formats).union([.json])
    }
}
