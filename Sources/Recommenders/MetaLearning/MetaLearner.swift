import Learning
import RecData

/// The outer-loop update of a gradient-based meta-learner.
public enum MetaAlgorithm: Hashable, Sendable {
    /// MAML (Finn et al. 2017): exact second-order meta-gradient, or FOMAML with `.first`.
    case maml(MetaGradientOrder)
    /// Meta-SGD (Li et al. 2017): per-parameter inner rates learned with the initialization,
    /// drawn uniformly from `initialRates` at the start.
    case metaSGD(initialRates: ClosedRange<Float>)
    /// Reptile (Nichol et al. 2018): move toward the Adam-adapted weights by a step that
    /// anneals linearly from `outerStepSize` to 0 over training.
    case reptile(outerStepSize: Float)
    /// Implicit MAML (Rajeswaran et al. 2019): a proximal inner problem, meta-gradient by
    /// conjugate gradients on exact Hessian-vector products.
    case imaml(lambda: Float, cgSteps: Int)
    /// A Bayesian linear head (ALPaCA, Harrison et al. 2018): meta-learned features and
    /// prior, the exact posterior per user, served as `exploration` says.
    case bayesianHead(exploration: Exploration)
}

/// Which parameters adapt per user; the rest are shared and learned only in the outer loop.
public enum AdaptationScope: Hashable, Sendable {
    /// Every parameter, embeddings included (MAML as published).
    case allParameters
    /// The dense decision layers; the feature embeddings are shared (MeLU).
    case decisionLayers
    /// The output layer alone; everything below it is shared (ANIL, Raghu et al. 2020).
    case head
    /// A FiLM scale-and-shift of the last hidden layer; the network is shared and frozen
    /// during adaptation.
    case film
    /// A rank-`rank` update of the first hidden layer's weight; the network is shared and
    /// frozen during adaptation.
    case lowRank(rank: Int)

    /// Where the scope puts an adapter in a network of `hiddenLayers` hidden layers.
    func placement(hiddenLayers: Int) -> AdapterPlacement? {
        switch self {
        case .allParameters, .decisionLayers, .head: return nil
        case .film: return .film(layer: hiddenLayers - 1)
        case let .lowRank(rank): return .lowRank(layer: 0, rank: rank)
        }
    }

    /// The adapted tensor indices in `network`.
    func indices(in network: FeatureNetwork) -> [Int] {
        switch self {
        case .allParameters: return network.allIndices
        case .decisionLayers: return network.decisionIndices
        case .head: return network.headIndices
        case .film, .lowRank: return network.adapterIndices
        }
    }
}

/// A gradient-based meta-learner on user and item features: it meta-trains an
/// initialization on the meta-train users' tasks, then adapts it to each user from the
/// support set. MAML, FOMAML, Reptile, Meta-SGD, MeLU and the adapter models are all
/// instances, differing in ``algorithm``, ``scope`` and ``settings``.
public struct MetaLearner: Recommender, Sendable {
    public let name: String
    /// The outer-loop update.
    public let algorithm: MetaAlgorithm
    /// What adapts per user.
    public let scope: AdaptationScope
    /// Hyper-parameters.
    public let settings: MetaLearnerSettings
    /// Steps used when adapting to an evaluated user (`nil`: the inner-loop steps).
    public let adaptationSteps: Int?
    /// What fitting produced.
    var trained: TrainedNetwork?

    /// Creates an untrained learner.
    public init(
        name: String, algorithm: MetaAlgorithm, scope: AdaptationScope, settings: MetaLearnerSettings,
        adaptationSteps: Int? = nil
    ) {
        self.name = name
        self.algorithm = algorithm
        self.scope = scope
        self.settings = settings
        self.adaptationSteps = adaptationSteps
    }

    // MARK: - After fitting

    /// The number of scalars adapted per user (`nil` before fitting).
    public var adaptedParameterCount: Int? {
        trained.map { $0.rule.loop.adaptedScalarCount(in: $0.parameters) }
    }

    /// The number of scalars in the whole model (`nil` before fitting).
    public var parameterCount: Int? { trained?.parameters.scalarCount }

    /// Epochs run before early stopping or the limit (`nil` before fitting).
    public var epochsRun: Int? { trained?.epochsRun }

    /// The objectives training used (`nil` before fitting).
    public var objectivesUsed: ObjectiveSettings? { trained?.factory.objectives }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        if case let .bayesianHead(exploration) = algorithm {
            return try bayesianUser(to: support, user: user, exploration: exploration)
        }
        return try adaptedUser(to: support, user: user)
    }

    /// ``adapt(to:user:)`` with its concrete type.
    public func adaptedUser(to support: [Interaction], user: UserID) throws -> AdaptedUser {
        guard let trained else { throw MetaLearningError.notFitted(model: name) }
        return trained.adaptedUser(to: support, user: user)
    }
}

// MARK: - Storage footprint

extension MetaLearner: SharedModelFootprint {
    /// The meta-learned network and outer-loop tensors (`nil` before fitting).
    public var sharedModelBytes: Int? { trained?.bytes }
}
