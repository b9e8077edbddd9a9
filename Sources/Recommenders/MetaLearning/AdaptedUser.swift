import Learning
import RecData

/// A meta-learned network adapted to one user: it scores any candidates in batches through
/// BLAS, predicts ratings, and keeps adapting as feedback arrives.
public struct AdaptedUser: Personalized, Sendable {
    /// The user.
    public let user: UserID
    /// The adapted parameters.
    public private(set) var parameters: ParameterSet
    private let network: FeatureNetwork
    private let factory: MetaTaskFactory
    private let rule: AdaptationRule
    private var seen: [Interaction]
    /// The catalogue's outputs under `parameters`, once computed.
    private var catalog = CatalogCache<[Float]>()
    /// The rows of the catalogue's first layer (`FeatureNetwork.fieldwiseFirstLayerRows(_:parameters:)`,
    /// one per chunk), shared by the model's users, while this user's first layer and
    /// embedding tables are the model's: when no adaptation changes them, or nothing has
    /// been adapted yet (`nil` otherwise).
    private var firstLayers: CatalogCache<[Matrix?]>?
    /// The catalogue's outputs per user profile under the model's own parameters, while
    /// this user's are those (nothing adapted yet: an empty support set); `nil` otherwise.
    private var unadaptedOutputs: ProfileCatalogCache?

    /// `firstLayers` is given only when the adaptation that gave `parameters` left the first
    /// layer and the embedding tables as they are in the model; it is dropped when `rule`
    /// changes them as the user observes.
    init(
        user: UserID, parameters: ParameterSet, network: FeatureNetwork, factory: MetaTaskFactory, rule: AdaptationRule,
        seen: [Interaction], firstLayers: CatalogCache<[Matrix?]>?, unadaptedOutputs: ProfileCatalogCache? = nil
    ) {
        self.user = user
        self.parameters = parameters
        self.network = network
        self.factory = factory
        self.rule = rule
        self.seen = seen
        self.firstLayers = firstLayers
        self.unadaptedOutputs = unadaptedOutputs
    }

    /// Whether `rule` leaves the first layer's weights and every embedding table alone.
    static func keepsFirstLayer(_ rule: AdaptationRule, network: FeatureNetwork) -> Bool {
        let first = network.layerIndices[0]
        return Set(rule.loop.adaptedIndices).isDisjoint(with: network.encoderIndices + [first, first + 1])
    }

    /// Network outputs for the candidates: predicted ratings under squared error, relevance
    /// logits or scores under a ranking objective (the relevance head of the joint one).
    public func scores(for candidates: [ItemID]) -> [Float] {
        output(network.outputWidth - 1, for: candidates)
    }

    /// Predicted ratings clipped to the rating scale: the network's output under squared
    /// error, its rating head under the joint objective; `nil` for implicit feedback or a
    /// ranking objective, whose outputs are not ratings.
    public func predictedRatings(for items: [ItemID]) -> [Float]? {
        guard factory.feedback.hasRatings, !factory.objectives.objective.ranks || network.outputWidth == 2 else {
            return nil
        }
        let scale = factory.feedback.scale
        return output(0, for: items).map { min(max($0, scale.lowerBound), scale.upperBound) }
    }

    /// Output column `column` for `items`. When they are at least half the catalogue (or
    /// the catalogue is already scored) every item is scored once, in id order and in
    /// chunks, and the items' outputs are read from `catalog`; a few items are scored
    /// on their own, in chunks.
    private func output(_ column: Int, for items: [ItemID]) -> [Float] {
        let width = network.outputWidth
        let itemCount = factory.encoder.itemCount
        if catalog.serves(items.count, of: itemCount) {
            let outputs = catalog.value {
                let compute = {
                    let firstRows = firstLayers?.value {
                        factory.encoder.catalogChunks(user: user) {
                            network.fieldwiseFirstLayerRows($0, parameters: parameters)
                        }
                    }
                    var chunk = 0
                    return factory.encoder.catalogChunks(user: user) { batch in
                        defer { chunk += 1 }
                        return network.outputs(batch, parameters: parameters, firstRows: firstRows?[chunk])
                    }.flatMap { $0 }
                }
                guard let unadaptedOutputs else { return compute() }
                return unadaptedOutputs.value(for: factory.encoder.profile(of: user)) {
                    Matrix(rows: itemCount, columns: width, storage: compute())
                }.storage
            }
            return items.map { outputs[$0.index * width + column] }
        }
        return factory.encoder.chunks(user: user, items: items) { batch in
            let outputs = network.outputs(batch, parameters: parameters)
            return stride(from: column, to: outputs.count, by: width).map { outputs[$0] }
        }.flatMap { $0 }
    }

    /// Adapts further on the new feedback, from the adapted state: the first adaptation's
    /// update with at most the inner loop's steps (`TrainedNetwork.observationRule`) and never
    /// more than ``AdaptationRule/onlineSteps``, so an observed answer costs a bounded number
    /// of steps whatever the rule's adaptation budget (reptile at `preset: paper` adapts with 50 Adam steps, but
    /// observes with 5).
    public mutating func observe(_ feedback: [Interaction]) throws {
        guard !feedback.isEmpty else { return }
        var random = RandomSource(seed: UInt64(user.rawValue)).stream(UInt64(seen.count))
        seen += feedback
        let (batch, objective) = factory.labelled(
            user: user, interactions: feedback, known: Set(seen.map(\.item)), objective: factory.objectives.support,
            random: &random)
        parameters = rule.limited(to: AdaptationRule.onlineSteps).adapt(
            parameters, support: batch, objective: objective)
        catalog = CatalogCache()
        unadaptedOutputs = nil
        if !Self.keepsFirstLayer(rule, network: network) { firstLayers = nil }
    }

    /// Forgets the catalogue's outputs this user computed (`ReusablePersonalized`).
    mutating func resetCatalog() {
        catalog = CatalogCache()
    }
}

// MARK: - Storage footprint

extension AdaptedUser: UserStateFootprint {
    /// The adapted scalars (the rest of the parameters are the shared ones) and the
    /// interactions remembered for online updates. The catalogue's outputs it computes
    /// when it first scores (`CatalogCache`) are not counted: they are made after
    /// adaptation, when the footprint is taken.
    public var userStateBytes: Int {
        ByteCount.of(rule.loop.adaptedScalarCount(in: parameters), Float.self) + ByteCount.of(seen)
    }
}
