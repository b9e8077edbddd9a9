import Learning
import RecData

// MARK: - Continual meta-updates

extension MetaLearner: ContinualMetaLearning {
    public var updatesOnline: Bool { settings.metaUpdate != .none }

    /// `meta_steps` outer steps of the model's own algorithm (Adam restarted at `meta_lr`,
    /// Reptile's outer step at its initial size) on the tasks with a query, meta-batches
    /// taken in turn; the fitted parameters (and rates or prior) are replaced by the result.
    public mutating func metaUpdate(on tasks: [UserTask], random: RandomSource) throws {
        guard case let .online(steps) = settings.metaUpdate, let trained else { return }
        let metaTasks = trained.factory.validationTasks(tasks, random: random)
        guard !metaTasks.isEmpty else { return }
        let adaptation = trained.rule.loop
        let loop = InnerLoop(
            network: adaptation.network, adaptedIndices: adaptation.adaptedIndices, steps: settings.innerSteps,
            learningRate: settings.innerLearningRate)
        var parameters = trained.parameters
        var rates = trained.rule.outerParameters
        var optimizer = Adam(learningRate: settings.metaLearningRate, weightDecay: settings.weightDecay)
        var rateOptimizer = Adam(learningRate: settings.metaLearningRate)
        let batches = stride(from: 0, to: metaTasks.count, by: settings.metaBatchSize).map {
            Array(metaTasks[$0..<min($0 + settings.metaBatchSize, metaTasks.count)])
        }
        for step in 0..<steps {
            let loss = metaStep(
                batches[step % batches.count], loop: loop, parameters: &parameters, rates: &rates,
                optimizer: &optimizer, rateOptimizer: &rateOptimizer, progress: 0
            )
            guard loss.isFinite, parameters.isFinite, rates?.isFinite ?? true else {
                throw MetaLearningError.diverged(model: name, epoch: trained.epochsRun, step: step, loss: loss)
            }
        }
        self.trained = TrainedNetwork(
            network: trained.network, factory: trained.factory, parameters: parameters,
            rule: rule(loop: adaptation, rates: rates), epochsRun: trained.epochsRun
        )
    }
}
