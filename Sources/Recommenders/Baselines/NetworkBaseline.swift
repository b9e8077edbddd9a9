import Learning
import RecData

/// The transfer-learning baselines of meta-learning, on MeLU's architecture (Lee et al.,
/// KDD 2019: user and item features embedded and concatenated, hidden ReLU layers, a
/// linear output; the same ``FeatureEncoder`` and `FeatureNetwork` the meta-learners use).
///
/// - *Global network* (`fineTuneSteps == 0`): trained in the ordinary way on all meta-train
///   interactions, Adam on mini-batches of users' histories, and not adapted per user — the
///   ablation that shows what meta-learning adds.
/// - *Fine-tuned network*: the same global network, then `fineTuneSteps` SGD steps on each
///   user's support set (every parameter, or the decision layers only) — the baseline
///   meta-learning must beat. With zero steps it is the global network exactly.
///
/// Each mini-batch's gradient is its users' gradients weighted by their shares of its rows,
/// taken a few users at a time through one stacked pass; fine-tuning's steps take theirs
/// the same way (`InnerLoop.stepsThroughCodes`).
///
/// The objective is the model's ``ObjectiveSettings`` (squared error on ratings, or a
/// ranking objective against sampled negatives), as for the meta-learners. Training stops
/// early when the validation measure (nDCG@10 for a ranking objective, the query loss after
/// fine-tuning otherwise) has not improved for `patience` epochs; the best epoch's weights
/// are kept. Fine-tuning that
/// diverges on a user's support set is an error (``BaselineError/diverged(model:detail:)``),
/// never NaN scores; a grid search disqualifies such a setting.
public struct NetworkBaseline: Recommender, Sendable {
    public let name: String
    /// Hyper-parameters.
    public let settings: NetworkBaselineSettings
    private var trained: TrainedNetwork?

    /// Creates an untrained model.
    public init(name: String, settings: NetworkBaselineSettings) {
        self.name = name
        self.settings = settings
    }

    /// The number of scalars fine-tuned per user (`nil` before fitting, or for the global
    /// network, which fine-tunes nothing).
    public var adaptedParameterCount: Int? {
        guard let trained, trained.rule.loop.steps > 0 else { return nil }
        return trained.rule.loop.adaptedScalarCount(in: trained.parameters)
    }

    /// Epochs of training whose weights were kept (`nil` before fitting).
    public var epochsRun: Int? { trained?.epochsRun }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let dataset = training.dataset
        let encoder = FeatureEncoder(
            dataset: dataset, dimension: settings.embeddingDimension, itemIDs: settings.itemIDEmbedding,
            trainingUsers: training.users)
        let objectives = settings.objectives.resolved(hasRatings: dataset.feedback.hasRatings)
        let factory = MetaTaskFactory(encoder: encoder, dataset: dataset, objectives: objectives, training: training)
        let network = FeatureNetwork(
            fields: encoder.fields, hiddenWidths: settings.hiddenWidths, outputWidth: objectives.outputWidth)
        var initial = random.stream("init")
        var parameters = network.initialParameters(outputBias: training.networkOutputBias, using: &initial)
        var loop = InnerLoop(
            network: network, adaptedIndices: settings.fineTuneAll ? network.allIndices : network.decisionIndices,
            steps: settings.fineTuneSteps, learningRate: settings.fineTuneLearningRate
        )
        loop.stepsThroughCodes = true
        let rule = AdaptationRule.gradientSteps(loop)
        let validationRandom = random.stream("validation")
        let validationTasks = factory.validationTasks(validation, random: validationRandom)
        var optimizer = Adam(learningRate: settings.learningRate)
        var stopping = EarlyStopping(initial: parameters, patience: settings.patience)
        for epoch in 0..<settings.epochs {
            let epochRandom = random.stream("epoch").stream(UInt64(epoch))
            var order = Array(training.users.indices)
            var shuffler = epochRandom.stream("order")
            shuffler.shuffle(&order)
            for start in stride(from: 0, to: order.count, by: settings.batchUsers) {
                let batch = order[start..<min(start + settings.batchUsers, order.count)]
                let rows = batch.reduce(0) { $0 + training.histories[$1].count }
                guard rows > 0 else { continue }
                let examples = batch.filter { !training.histories[$0].isEmpty }.map { position in
                    let user = training.users[position]
                    let history = training.histories[position]
                    var negatives = epochRandom.stream(UInt64(user.rawValue))
                    let (inputs, objective) = factory.labelled(
                        user: user, interactions: history, known: Set(history.map(\.item)),
                        objective: objectives.objective, random: &negatives
                    )
                    return (inputs: inputs, objective: objective, weight: Float(history.count) / Float(rows))
                }
                var gradient = ParameterSet(zerosLike: parameters)
                for start in stride(from: 0, to: examples.count, by: Self.usersPerStack) {
                    let stack = examples[start..<min(start + Self.usersPerStack, examples.count)]
                    gradient.add(
                        network.weightedGradient(
                            stack.map(\.inputs), objectives: stack.map(\.objective), weights: stack.map(\.weight),
                            parameters: parameters))
                }
                optimizer.step(&parameters, gradient: gradient)
            }
            guard parameters.isFinite else {
                throw BaselineError.diverged(model: name, detail: "non-finite weights in epoch \(epoch)")
            }
            guard !validationTasks.isEmpty else {
                stopping.keepUnmeasured(parameters, epochs: epoch + 1)
                continue
            }
            let loss = TrainedNetwork(
                network: network, factory: factory, parameters: parameters, rule: rule, epochsRun: epoch + 1
            )
            .validationMeasure(validation, tasks: validationTasks, dataset: dataset, workers: 1)
            if stopping.record(parameters, measure: loss, epochs: epoch + 1) { break }
        }
        trained = TrainedNetwork(
            network: network, factory: factory, parameters: stopping.best, rule: rule,
            epochsRun: stopping.bestEpochs)
    }

    /// The users of a mini-batch whose histories go through one stacked pass
    /// (`FeatureNetwork.weightedGradient(_:objectives:weights:parameters:)`): a few
    /// hundred rows, enough to share the first layer's products, few enough that the
    /// weight gradients' depth (the rows) stays short for the BLAS blocks.
    static let usersPerStack = 8

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        try adaptedUser(to: support, user: user)
    }

    /// ``adapt(to:user:)`` with its concrete type.
    public func adaptedUser(to support: [Interaction], user: UserID) throws -> AdaptedUser {
        guard let trained else { throw BaselineError.notFitted(model: name) }
        let adapted = trained.adaptedUser(to: support, user: user)
        guard adapted.parameters.isFinite else {
            throw BaselineError.diverged(
                model: name, detail: "fine-tuning on the support set of user \(user) gave non-finite weights")
        }
        return adapted
    }

    /// The objectives training used (`nil` before fitting).
    public var objectivesUsed: ObjectiveSettings? { trained?.factory.objectives }

}

/// Hyper-parameters of ``NetworkBaseline``.
public struct NetworkBaselineSettings: Hashable, Sendable {
    /// Width of each categorical feature's embedding.
    public var embeddingDimension = 32
    /// Widths of the hidden ReLU layers.
    public var hiddenWidths = [64, 64]
    /// Whether items also get a learned id embedding.
    public var itemIDEmbedding = false
    /// Adam's learning rate.
    public var learningRate: Float = 0.001
    /// Users whose histories form one mini-batch.
    public var batchUsers = 32
    /// Most passes over the meta-train users.
    public var epochs = 30
    /// Epochs without validation improvement before stopping.
    public var patience = 3
    /// SGD steps on each user's support set (0: the global network).
    public var fineTuneSteps = 0
    /// SGD learning rate of fine-tuning.
    public var fineTuneLearningRate: Float = 0.01
    /// Whether fine-tuning changes every parameter rather than the decision layers only.
    public var fineTuneAll = true
    /// The training objective (fine-tuning uses the inner one).
    public var objectives = ObjectiveSettings()

    /// Creates the defaults.
    public init() {}
}

// MARK: - Storage footprint

extension NetworkBaseline: SharedModelFootprint {
    /// The trained network (`nil` before fitting).
    public var sharedModelBytes: Int? { trained?.bytes }
}

// MARK: - Adapted to nothing

extension NetworkBaseline: EmptySupportProfiles {
    /// The user's features as the network's inputs encode them (`FeatureEncoder.profile(of:)`):
    /// fine-tuning on no interactions gives every user the same weights.
    public func emptySupportProfile(of user: UserID) -> [UInt32]? {
        trained?.factory.encoder.profile(of: user)
    }
}
