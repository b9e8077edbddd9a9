import Learning
import RecData

/// What fitting a feature network leaves behind — the network, its inputs' encoding, the
/// fitted parameters and the rule that adapts them to a user — shared by the
/// meta-learners and the network baselines.
struct TrainedNetwork: Sendable {
    /// The network.
    let network: FeatureNetwork
    /// Turns interactions into the network's inputs.
    let factory: MetaTaskFactory
    /// The fitted parameters.
    let parameters: ParameterSet
    /// How the parameters adapt to a user's support set.
    let rule: AdaptationRule
    /// How an adapted user learns from feedback observed after adaptation: for the
    /// meta-learners the same update with at most the inner loop's steps, so that online
    /// observation costs a meta-training task's adaptation, not an evaluation-time one
    /// (Reptile at `preset: paper` adapts an evaluated user with 50 Adam steps but observes with its 5 inner
    /// steps); for the network baselines ``rule`` itself.
    let observationRule: AdaptationRule
    /// Epochs of training whose parameters were kept.
    let epochsRun: Int
    /// The Bayesian head's prior, computed once from the parameters and the prior tensors
    /// (`nil` for the other rules).
    let gaussianPrior: GaussianPrior?
    /// The catalogue's representations per user profile, shared by the Bayesian head's
    /// users.
    let profileCatalogs = ProfileCatalogCache()
    /// The rows of the catalogue's first layer under ``parameters``, what varies from item
    /// to item (one matrix per chunk; `FeatureNetwork.fieldwiseFirstLayerRows(_:parameters:)`):
    /// the same for every user, shared by the adapted users when adaptation leaves the first
    /// layer and the embedding tables alone, and by the users adapted to nothing (each adds
    /// its own features' row).
    let firstLayers = CatalogCache<[Matrix?]>()
    /// The catalogue's outputs per user profile under ``parameters``, shared by the users
    /// adapted to nothing (an empty support set).
    let unadaptedOutputs = ProfileCatalogCache()

    init(
        network: FeatureNetwork, factory: MetaTaskFactory, parameters: ParameterSet, rule: AdaptationRule,
        observationRule: AdaptationRule? = nil, epochsRun: Int
    ) {
        self.network = network
        self.factory = factory
        self.parameters = parameters
        self.rule = rule
        self.observationRule = observationRule ?? rule
        self.epochsRun = epochsRun
        if case let .bayesianPosterior(head, prior) = rule {
            gaussianPrior = head.prior(parameters, prior: prior)
        } else {
            gaussianPrior = nil
        }
    }

    /// `parameters` adapted to `support` under `objective` by ``rule``; the Bayesian head's
    /// posterior from the prior computed once.
    func adapted(support: FeatureBatch, objective: Objective) -> ParameterSet {
        if case let .bayesianPosterior(head, _) = rule, let gaussianPrior {
            return head.adapt(parameters, prior: gaussianPrior, support: support, objective: objective)
        }
        return rule.adapt(parameters, support: support, objective: objective)
    }

    /// The network adapted to `user`'s `support` set under the support objective; a ranking
    /// objective's negatives are drawn from a stream seeded by the user, so adapting is
    /// repeatable.
    func adaptedUser(to support: [Interaction], user: UserID) -> AdaptedUser {
        var random = RandomSource(seed: UInt64(user.rawValue)).stream("support")
        let (batch, objective) = factory.labelled(
            user: user, interactions: support, known: Set(support.map(\.item)), objective: factory.objectives.support,
            random: &random
        )
        let adaptedParameters = adapted(support: batch, objective: objective)
        let unadapted = batch.rows == 0 && adaptedParameters == parameters
        return AdaptedUser(
            user: user, parameters: adaptedParameters,
            network: network, factory: factory, rule: observationRule, seen: support,
            firstLayers: unadapted || AdaptedUser.keepsFirstLayer(rule, network: network) ? firstLayers : nil,
            unadaptedOutputs: unadapted ? unadaptedOutputs : nil
        )
    }
}

extension TrainedNetwork {
    /// What early stopping minimizes: minus the validation users' nDCG@10
    /// (``ValidationRanking``, after adapting on their support sets; the first
    /// ``ValidationRanking/earlyStoppingUsers`` of them) for a ranking objective, the mean
    /// query loss of their `tasks` after adaptation otherwise.
    func validationMeasure(_ validation: [UserTask], tasks: [MetaTask], dataset: Dataset, workers: Int) -> Double {
        guard factory.objectives.objective.ranks else {
            let losses = TaskParallel.map(tasks, workers: workers) { queryLoss($0) }
            return losses.reduce(0, +) / Double(max(tasks.count, 1))
        }
        return -ValidationRanking.meanNDCG(
            tasks: Array(validation.prefix(ValidationRanking.earlyStoppingUsers)), dataset: dataset
        ) { support, user in adaptedUser(to: support, user: user) }
    }
}

extension TrainedNetwork {
    /// The loss `task` is meta-trained on, after adapting on its support set
    /// (``AdaptationRule/queryLoss(_:task:)``; the Bayesian head's under the prior computed
    /// once).
    func queryLoss(_ task: MetaTask) -> Double {
        if case let .bayesianPosterior(head, _) = rule, let gaussianPrior {
            return head.queryLoss(parameters, prior: gaussianPrior, task: task)
        }
        return rule.queryLoss(parameters, task: task)
    }
}

extension MetaTaskFactory {
    /// The tasks of the validation users that have a query, for early stopping; each
    /// user's negatives come from `random`'s stream of that user.
    func validationTasks(_ validation: [UserTask], random: RandomSource) -> [MetaTask] {
        validation.filter { !$0.query.isEmpty }.map {
            task(user: $0.user, support: $0.support, query: $0.query, random: random.stream(UInt64($0.user.rawValue)))
        }
    }
}

// MARK: - Storage footprint

extension TrainedNetwork {
    /// The fitted parameters and the tensors the outer loop learns beside them (Meta-SGD's
    /// rates, the Bayesian head's prior), as 32-bit floats.
    var bytes: Int {
        ByteCount.of(parameters.scalarCount + (rule.outerParameters?.scalarCount ?? 0), Float.self)
    }
}
