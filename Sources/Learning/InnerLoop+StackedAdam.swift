// MARK: - Adam inner loop over stacked tasks

extension InnerLoop {
    /// Every task adapted by ``adaptWithAdam(_:support:objective:)`` from `parameters`, with
    /// its query loss after adaptation, in task order: Reptile's meta-batch. When the
    /// adapted tensors allow it (`stacksTasks`), tasks are stacked by ``tasksPerStack``
    /// (``adaptWithAdam(_:supports:workers:)``) and each stack's query losses come from one
    /// stacked forward pass; the results are the task-by-task ones up to rounding and do
    /// not depend on `workers`.
    public func adaptWithAdam(_ parameters: ParameterSet, tasks: [MetaTask], workers: Int = 1) -> [AdaptedTask] {
        guard stacksTasks else {
            return TaskParallel.map(tasks, workers: workers) { task in
                let adapted = adaptWithAdam(parameters, support: task.support, objective: task.supportObjective)
                return AdaptedTask(
                    parameters: adapted,
                    queryLoss: network.loss(task.query, objective: task.queryObjective, parameters: adapted))
            }
        }
        return TaskParallel.map(Self.stacks(of: tasks), workers: workers) { stack in
            let stacked = TaskStack(stack)
            let adapted = stackedAdaptWithAdam(parameters, support: stacked.support)
            let weights = StackWeights.perTask(adapted, varying: Set(adaptedIndices))
            let output = network.stackedForward(
                network.stackedEncoding(stacked.query, weights: weights), rows: stacked.query.rows, weights: weights
            ).output
            return stacked.query.objectives.enumerated().map { task, objective in
                AdaptedTask(
                    parameters: adapted[task], queryLoss: objective.value(output.rows(stacked.query.rows[task])))
            }
        }.flatMap { $0 }
    }

    /// The parameters ``adaptWithAdam(_:support:objective:)`` gives for each support set, in
    /// order. When the adapted tensors allow it (`stacksTasks`), the supports are stacked by
    /// ``tasksPerStack``: each Adam step takes one stacked gradient pass over the stack's
    /// rows (the encoding once, and every product with weights the tasks share — at the
    /// first step all of them — as one product) and then each task its own Adam step, so
    /// the result is the one-by-one result up to rounding. Stacks (or supports) are spread
    /// over `workers` threads; the result does not depend on `workers`.
    public func adaptWithAdam(
        _ parameters: ParameterSet, supports: [(batch: FeatureBatch, objective: Objective)], workers: Int = 1
    ) -> [ParameterSet] {
        guard stacksTasks else {
            return TaskParallel.map(supports, workers: workers) {
                adaptWithAdam(parameters, support: $0.batch, objective: $0.objective)
            }
        }
        return TaskParallel.map(Self.stacks(of: supports), workers: workers) { stack in
            stackedAdaptWithAdam(
                parameters, support: StackSide(batches: stack.map(\.batch), objectives: stack.map(\.objective)))
        }.flatMap { $0 }
    }

    /// Each task's Adam steps on a stack's support side, taken together: one stacked
    /// gradient pass per step. A task without support rows keeps `parameters`.
    func stackedAdaptWithAdam(_ parameters: ParameterSet, support: StackSide) -> [ParameterSet] {
        let count = support.rows.count
        let taking = (0..<count).filter { support.batches[$0].rows > 0 }
        guard !taking.isEmpty else { return Array(repeating: parameters, count: count) }
        var optimizers = Array(repeating: Adam(learningRate: learningRate), count: count)
        var current = Array(repeating: ParameterSet(adaptedIndices.map { parameters[$0] }), count: count)
        for step in 0..<steps {
            // The weights that share the adapted tensors' storage live only for the pass, so
            // the steps write the adapted tensors in place instead of copying them.
            let gradients = stackedGradients(
                support,
                weights: step == 0
                    ? .shared(parameters)
                    : .perTask(current.map { assembled(parameters, $0) }, varying: Set(adaptedIndices)))
            for task in taking {
                optimizers[task].step(
                    &current[task], gradient: ParameterSet(adaptedIndices.map { gradients[task][$0] }))
            }
        }
        return current.map { assembled(parameters, $0) }
    }

    /// Each task's gradient of its support loss at its weights.
    private func stackedGradients(_ side: StackSide, weights: StackWeights) -> [ParameterSet] {
        network.stackedLinearize(
            network.stackedEncoding(side, weights: weights), side: side, weights: weights,
            adapted: Set(adaptedIndices), sharedGradient: false
        ).gradients
    }
}

/// A task's parameters after adaptation and its query loss there.
public struct AdaptedTask: Sendable {
    /// The adapted parameters.
    public let parameters: ParameterSet
    /// The query loss at ``parameters``.
    public let queryLoss: Double
}
