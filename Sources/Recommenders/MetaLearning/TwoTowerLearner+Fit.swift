import Learning
import RecData

// MARK: - Meta-training

extension TwoTowerLearner {
    /// Meta-trains on tasks built from the meta-train users' histories (the tasks of the
    /// other meta-learners: random or chronological supports, a share of zero-shot tasks,
    /// negatives never from the user's history), one Adam step per meta-batch on the mean
    /// meta-gradient; after each epoch a validation measure decides early stopping, and the
    /// best epoch's parameters are kept (validation nDCG@10 for ranking objectives, query
    /// loss otherwise). Learned inner rates are kept non-negative.
    ///
    /// Throws ``MetaLearningError/noItemInputs(model:)`` when items have neither features nor
    /// an id embedding, and ``MetaLearningError/diverged(model:epoch:step:loss:)`` as soon
    /// as a loss or a parameter stops being finite.
    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let dataset = training.dataset
        let encoder = FeatureEncoder(
            dataset: dataset, dimension: settings.embeddingDimension, itemIDs: settings.itemIDEmbedding,
            trainingUsers: training.users)
        guard !encoder.itemFields.isEmpty else { throw MetaLearningError.noItemInputs(model: name) }
        let objectives = settings.objectives.resolved(hasRatings: dataset.feedback.hasRatings)
        let factory = MetaTaskFactory(encoder: encoder, dataset: dataset, objectives: objectives, training: training)
        let network = TwoTowerNetwork(
            itemFields: encoder.itemFields, userFields: encoder.userFields, hiddenWidths: settings.hiddenWidths,
            userHiddenWidths: options.userHiddenWidths,
            latentWidth: options.latentWidth, outputWidth: objectives.outputWidth, adaptsBias: options.adaptsBias,
            steps: settings.innerSteps
        )
        var initial = random.stream("init")
        var parameters = network.initialParameters(
            innerRate: settings.innerLearningRate, outputBias: training.networkOutputBias, using: &initial)
        let validationTasks = factory.validationTasks(validation, random: random.stream("validation")).map(
            encoder.twoTowerTask)
        var optimizer = Adam(learningRate: settings.metaLearningRate, weightDecay: settings.weightDecay)
        var stopping = EarlyStopping(initial: parameters, patience: settings.patience)
        var step = 0
        for epoch in 0..<settings.epochs {
            let tasks = factory.trainingTasks(
                training, settings: settings, random: random.stream("epoch").stream(UInt64(epoch))
            ).map(encoder.twoTowerTask)
            guard !tasks.isEmpty else { throw MetaLearningError.noTrainingTasks(model: name, needed: 2) }
            for start in stride(from: 0, to: tasks.count, by: settings.metaBatchSize) {
                let batch = Array(tasks[start..<min(start + settings.metaBatchSize, tasks.count)])
                let loss = metaStep(batch, network: network, parameters: &parameters, optimizer: &optimizer)
                guard loss.isFinite, parameters.isFinite else {
                    throw MetaLearningError.diverged(model: name, epoch: epoch, step: step, loss: loss)
                }
                step += 1
            }
            guard !validationTasks.isEmpty else {
                stopping.keepUnmeasured(parameters, epochs: epoch + 1)
                continue
            }
            let measure = TrainedTwoTower(
                network: network, factory: factory, parameters: parameters, dataset: dataset, epochsRun: epoch + 1
            )
            .validationMeasure(validation, tasks: validationTasks, dataset: dataset, workers: settings.workers)
            guard measure.isFinite else {
                throw MetaLearningError.diverged(model: name, epoch: epoch, step: step, loss: measure)
            }
            if stopping.record(parameters, measure: measure, epochs: epoch + 1) { break }
        }
        trained = TrainedTwoTower(
            network: network, factory: factory, parameters: stopping.best, dataset: dataset,
            epochsRun: stopping.bestEpochs)
    }

    /// One outer update on a meta-batch; returns the batch's mean query loss after adaptation.
    func metaStep(
        _ batch: [TwoTowerTask], network: TwoTowerNetwork, parameters: inout ParameterSet, optimizer: inout Adam
    ) -> Double {
        var (loss, gradient) = network.metaGradient(
            parameters, tasks: batch, order: options.order, workers: settings.workers)
        if !options.learnsRates { gradient[network.rateIndex] = Matrix(zerosLike: gradient[network.rateIndex]) }
        if settings.clipNorm > 0 { GradientClipping.clip(&gradient, maxNorm: settings.clipNorm) }
        optimizer.step(&parameters, gradient: gradient)
        let rates = network.rateIndex
        for index in parameters[rates].storage.indices where parameters[rates].storage[index] < 0 {
            parameters[rates].storage[index] = 0
        }
        return loss
    }
}
