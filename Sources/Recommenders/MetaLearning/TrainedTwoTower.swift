import Learning
import RecData

/// What fitting a meta-learned two-tower model leaves behind: the network, its inputs'
/// encoding, the fitted parameters and the item tower's outputs for the whole catalogue.
struct TrainedTwoTower: Sendable {
    /// The network.
    let network: TwoTowerNetwork
    /// Turns interactions into inputs and objectives.
    let factory: MetaTaskFactory
    /// The fitted parameters.
    let parameters: ParameterSet
    /// The item tower's outputs for every item, in id order.
    let catalogue: TowerOutputs
    /// Epochs of training whose parameters were kept.
    let epochsRun: Int

    init(network: TwoTowerNetwork, factory: MetaTaskFactory, parameters: ParameterSet, dataset: Dataset, epochsRun: Int)
    {
        self.network = network
        self.factory = factory
        self.parameters = parameters
        self.catalogue = network.items(factory.encoder.catalogueInputs(dataset), parameters: parameters)
        self.epochsRun = epochsRun
    }

    /// The user's state adapted on `support` under the support objective; a ranking
    /// objective's negatives come from a stream seeded by the user, so adapting is
    /// repeatable.
    func adaptedUser(to support: [Interaction], user: UserID) -> TwoTowerUser {
        let start = network.initialState(factory.encoder.userInputs(user), parameters: parameters)
        var adapted = TwoTowerUser(user: user, state: start, trained: self, seen: [])
        adapted.learn(
            from: support, random: RandomSource(seed: UInt64(user.rawValue)).stream("support"), steps: network.steps)
        return adapted
    }

    /// The mean query loss of `tasks` after adapting on their support sets.
    func meanQueryLoss(_ tasks: [TwoTowerTask], workers: Int) -> Double {
        let losses = TaskParallel.map(tasks, workers: workers) { network.queryLoss(parameters, task: $0) }
        return losses.reduce(0, +) / Double(max(tasks.count, 1))
    }

    /// What early stopping minimizes: minus the validation users' nDCG@10
    /// (``ValidationRanking``, after adapting on their support sets) for a ranking
    /// objective, the mean query loss of their `tasks` after adaptation otherwise.
    func validationMeasure(_ validation: [UserTask], tasks: [TwoTowerTask], dataset: Dataset, workers: Int) -> Double {
        guard factory.objectives.objective.ranks else { return meanQueryLoss(tasks, workers: workers) }
        return -ValidationRanking.meanNDCG(
            tasks: Array(validation.prefix(ValidationRanking.earlyStoppingUsers)), dataset: dataset
        ) { support, user in adaptedUser(to: support, user: user) }
    }
}
