import Learning
import RecData

/// What a meta-learned two-tower model adapts and how it meta-learns, beside the settings
/// it shares with the other gradient meta-learners.
public struct TwoTowerOptions: Hashable, Sendable {
    /// The width of user and item representations.
    public var latentWidth = 32
    /// Widths of the user tower's hidden ReLU layers; none: the start is a linear map of
    /// the user's features.
    public var userHiddenWidths: [Int] = []
    /// Whether the user bias adapts beside the user vector.
    public var adaptsBias = true
    /// Whether the per-step inner rates are meta-learned (else fixed at the inner rate).
    public var learnsRates = true
    /// Exact second-order meta-gradient, or first-order.
    public var order = MetaGradientOrder.second

    /// Creates the defaults.
    public init() {}
}

/// A meta-learned two-tower recommender whose per-user state is a user representation
/// (`TwoTowerNetwork` in `Learning`): it meta-trains the item tower, the initial user
/// state and the inner rates on the meta-train users' tasks, then adapts only the user's
/// vector and bias to each user by a few gradient steps on the support set. Scoring the
/// catalogue for an adapted user is one matrix product with the item tower's outputs,
/// computed once after fitting.
public struct TwoTowerLearner: Recommender, Sendable {
    public let name: String
    /// Hyper-parameters shared with the other meta-learners.
    public let settings: MetaLearnerSettings
    /// What adapts and how the outer loop learns.
    public let options: TwoTowerOptions
    /// What fitting produced.
    var trained: TrainedTwoTower?

    /// Creates an untrained learner.
    public init(name: String, settings: MetaLearnerSettings, options: TwoTowerOptions) {
        self.name = name
        self.settings = settings
        self.options = options
    }

    // MARK: - After fitting

    /// The number of scalars in the whole model (`nil` before fitting).
    public var parameterCount: Int? { trained?.parameters.scalarCount }

    /// Epochs run before early stopping or the limit (`nil` before fitting).
    public var epochsRun: Int? { trained?.epochsRun }

    /// The objectives training used (`nil` before fitting).
    public var objectivesUsed: ObjectiveSettings? { trained?.factory.objectives }

    /// The meta-learned inner rates, one row per step and one column per output (`nil`
    /// before fitting).
    public var innerRates: Matrix? { trained.map { $0.network.rates($0.parameters) } }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        try adaptedUser(to: support, user: user)
    }

    /// ``adapt(to:user:)`` with its concrete type.
    public func adaptedUser(to support: [Interaction], user: UserID) throws -> TwoTowerUser {
        guard let trained else { throw MetaLearningError.notFitted(model: name) }
        return trained.adaptedUser(to: support, user: user)
    }
}

extension TwoTowerLearner: AdaptationFootprint {
    /// The user vector and bias per output (`nil` before fitting or with no inner steps).
    public var adaptedParameterCount: Int? {
        guard let trained, trained.network.steps > 0 else { return nil }
        return trained.network.adaptedScalarCount
    }
}

// MARK: - Storage footprint

extension TwoTowerLearner: SharedModelFootprint {
    /// The meta-learned parameters (towers, start, rates) and the catalogue's cached item
    /// outputs, as 32-bit floats (`nil` before fitting).
    public var sharedModelBytes: Int? {
        trained.map {
            ByteCount.of($0.parameters.scalarCount + $0.catalogue.augmented.count + $0.catalogue.bias.count, Float.self)
        }
    }
}
