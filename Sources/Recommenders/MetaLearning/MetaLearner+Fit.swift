import Learning
import RecData

// MARK: - Meta-training

extension MetaLearner {
    /// Meta-trains on tasks built from the meta-train users' histories, one epoch after
    /// another; after each epoch a validation measure decides early stopping, and the best
    /// epoch's parameters are kept: for a ranking objective, nDCG@10 of the validation users
    /// (``ValidationRanking``, after adapting on their support sets), otherwise their query
    /// loss.
    ///
    /// Throws ``MetaLearningError/diverged(model:epoch:step:loss:)`` as soon as a loss or a
    /// parameter stops being finite.
    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let dataset = training.dataset
        let encoder = FeatureEncoder(
            dataset: dataset, dimension: settings.embeddingDimension, itemIDs: settings.itemIDEmbedding,
            trainingUsers: training.users)
        var objectives = settings.objectives.resolved(hasRatings: dataset.feedback.hasRatings)
        if case .bayesianHead = algorithm { objectives = objectives.regressedByLinearHead }
        let factory = MetaTaskFactory(encoder: encoder, dataset: dataset, objectives: objectives, training: training)
        let network = FeatureNetwork(
            fields: encoder.fields, hiddenWidths: settings.hiddenWidths,
            adapter: scope.placement(hiddenLayers: settings.hiddenWidths.count), outputWidth: objectives.outputWidth
        )
        var initial = random.stream("init")
        var parameters = network.initialParameters(outputBias: training.networkOutputBias, using: &initial)
        let loop = InnerLoop(
            network: network, adaptedIndices: scope.indices(in: network),
            steps: settings.innerSteps, learningRate: settings.innerLearningRate
        )
        let adaptationLoop = InnerLoop(
            network: network, adaptedIndices: loop.adaptedIndices,
            steps: adaptationSteps ?? settings.innerSteps, learningRate: settings.innerLearningRate
        )
        var rates = initialRates(
            like: parameters, network: network, adapted: loop.adaptedIndices, random: random.stream("rates"))
        let validationRandom = random.stream("validation")
        let validationTasks = factory.validationTasks(validation, random: validationRandom)
        var optimizer = Adam(learningRate: settings.metaLearningRate, weightDecay: settings.weightDecay)
        var rateOptimizer = Adam(learningRate: settings.metaLearningRate)
        let batchesPerEpoch = (training.users.count + settings.metaBatchSize - 1) / max(settings.metaBatchSize, 1)
        let totalSteps = max(1, settings.epochs * batchesPerEpoch)
        var stopping = EarlyStopping(initial: (parameters: parameters, rates: rates), patience: settings.patience)
        var step = 0
        for epoch in 0..<settings.epochs {
            let tasks = factory.trainingTasks(
                training, settings: settings, random: random.stream("epoch").stream(UInt64(epoch)))
            guard !tasks.isEmpty else { throw MetaLearningError.noTrainingTasks(model: name, needed: 2) }
            for start in stride(from: 0, to: tasks.count, by: settings.metaBatchSize) {
                let batch = Array(tasks[start..<min(start + settings.metaBatchSize, tasks.count)])
                let progress = Float(step) / Float(totalSteps)
                let loss = metaStep(
                    batch, loop: loop, parameters: &parameters, rates: &rates, optimizer: &optimizer,
                    rateOptimizer: &rateOptimizer, progress: progress)
                guard loss.isFinite, parameters.isFinite, rates?.isFinite ?? true else {
                    throw MetaLearningError.diverged(model: name, epoch: epoch, step: step, loss: loss)
                }
                step += 1
            }
            guard !validationTasks.isEmpty else {
                stopping.keepUnmeasured((parameters, rates), epochs: epoch + 1)
                continue
            }
            let validationLoss = TrainedNetwork(
                network: network, factory: factory, parameters: parameters,
                rule: rule(loop: adaptationLoop, rates: rates), epochsRun: epoch + 1
            ).validationMeasure(validation, tasks: validationTasks, dataset: dataset, workers: settings.workers)
            guard validationLoss.isFinite else {
                throw MetaLearningError.diverged(model: name, epoch: epoch, step: step, loss: validationLoss)
            }
            if stopping.record((parameters, rates), measure: validationLoss, epochs: epoch + 1) { break }
        }
        let observationLoop = InnerLoop(
            network: network, adaptedIndices: loop.adaptedIndices,
            steps: min(adaptationLoop.steps, settings.innerSteps), learningRate: settings.innerLearningRate
        )
        let best = stopping.best
        trained = TrainedNetwork(
            network: network, factory: factory, parameters: best.parameters,
            rule: rule(loop: adaptationLoop, rates: best.rates),
            observationRule: rule(loop: observationLoop, rates: best.rates), epochsRun: stopping.bestEpochs
        )
    }

    // MARK: - One meta-update

    /// One outer update on a meta-batch; returns the batch's mean query loss after adaptation.
    func metaStep(
        _ batch: [MetaTask], loop: InnerLoop, parameters: inout ParameterSet, rates: inout ParameterSet?,
        optimizer: inout Adam, rateOptimizer: inout Adam, progress: Float
    ) -> Double {
        switch algorithm {
        case let .maml(order):
            let result = loop.metaGradient(parameters, tasks: batch, order: order, workers: settings.workers)
            var gradient = result.gradient
            clip(&gradient)
            optimizer.step(&parameters, gradient: gradient)
            return result.queryLoss
        case .metaSGD:
            let result = loop.metaGradient(
                parameters, tasks: batch, order: .second, rates: rates, workers: settings.workers)
            var gradient = result.gradient
            var rateGradient = result.rateGradient!
            clip(&gradient)
            clip(&rateGradient)
            optimizer.step(&parameters, gradient: gradient)
            rateOptimizer.step(&rates!, gradient: rateGradient)
            return result.queryLoss
        case let .reptile(outerStepSize):
            let start = parameters
            let network = loop.network
            let results = TaskParallel.map(batch, workers: settings.workers) { task in
                let adapted = loop.adaptWithAdam(start, support: task.support, objective: task.supportObjective)
                return (adapted, network.loss(task.query, objective: task.queryObjective, parameters: adapted))
            }
            let stepSize = outerStepSize * (1 - progress) / Float(batch.count)
            for (adapted, _) in results {
                parameters.add(adapted, scaledBy: stepSize)
                parameters.add(start, scaledBy: -stepSize)
            }
            return results.reduce(0) { $0 + $1.1 } / Double(batch.count)
        case let .imaml(lambda, cgSteps):
            let result = ProximalInnerLoop(base: loop, lambda: lambda, cgSteps: cgSteps).metaGradient(
                parameters, tasks: batch, workers: settings.workers)
            var gradient = result.gradient
            clip(&gradient)
            optimizer.step(&parameters, gradient: gradient)
            return result.queryLoss
        case .bayesianHead:
            guard
                let result = BayesianHeadLoop(network: loop.network).metaGradient(
                    parameters, prior: rates!, tasks: batch, workers: settings.workers)
            else { return .nan }
            var gradient = result.gradient
            var priorGradient = result.priorGradient
            clip(&gradient)
            clip(&priorGradient)
            optimizer.step(&parameters, gradient: gradient)
            rateOptimizer.step(&rates!, gradient: priorGradient)
            return result.loss
        }
    }

    private func clip(_ gradient: inout ParameterSet) {
        if settings.clipNorm > 0 { GradientClipping.clip(&gradient, maxNorm: settings.clipNorm) }
    }

    // MARK: - Helpers

    /// Meta-SGD's initial rates, or the Bayesian head's initial prior tensors (unit
    /// precision and noise), which the outer loop updates like rates.
    private func initialRates(
        like parameters: ParameterSet, network: FeatureNetwork, adapted: [Int], random: RandomSource
    ) -> ParameterSet? {
        if case .bayesianHead = algorithm {
            return BayesianHeadLoop(network: network).initialPriorParameters(precision: 1, noiseVariance: 1)
        }
        guard case let .metaSGD(range) = algorithm else { return nil }
        var generator = random
        var rates = ParameterSet(zerosLike: parameters)
        for index in adapted {
            let bound = (range.upperBound - range.lowerBound) / 2
            var draw = Initialization.uniform(
                rows: rates[index].rows, columns: rates[index].columns, bound: bound, using: &generator)
            for position in draw.storage.indices { draw.storage[position] += range.lowerBound + bound }
            rates[index] = draw
        }
        return rates
    }

    func rule(loop: InnerLoop, rates: ParameterSet?) -> AdaptationRule {
        switch algorithm {
        case .maml: return .gradientSteps(loop)
        case .metaSGD: return .learnedRates(loop, rates: rates!)
        case .reptile: return .adamSteps(loop)
        case let .imaml(lambda, cgSteps):
            return .proximal(ProximalInnerLoop(base: loop, lambda: lambda, cgSteps: cgSteps))
        case .bayesianHead: return .bayesianPosterior(BayesianHeadLoop(network: loop.network), prior: rates!)
        }
    }
}
