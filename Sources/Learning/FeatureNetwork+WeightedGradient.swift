// MARK: - Weighted gradients of many batches

extension FeatureNetwork {
    /// `Σₜ weightₜ · ∇ objectiveₜ(batchₜ)` (networks without an adapter): the batches' rows
    /// stacked into one forward pass, each batch's output gradient scaled by its weight, and
    /// one backward pass (`stackedPass(_:parameters:input:)`, `stackedPullback(_:side:parameters:outputGradient:)`)
    /// — the first layer's products, its weight gradient and the embedding tables' gradients
    /// through the codes the stack touches,
    /// never the input gradient over every row and column. The weighted sum of the batches'
    /// own gradients up to the order of the sums; what a mini-batch of users' histories,
    /// each weighted by its share of the rows, trains on.
    public func weightedGradient(
        _ batches: [FeatureBatch], objectives: [Objective], weights: [Float], parameters: ParameterSet
    ) -> ParameterSet {
        precondition(adapter == nil, "a weighted gradient is taken through a network without an adapter")
        precondition(
            batches.count == objectives.count && batches.count == weights.count, "one objective and weight per batch")
        return weightedGradient(
            StackSide(batches: batches, objectives: objectives), weights: weights, parameters: parameters)
    }

    /// ``weightedGradient(_:objectives:weights:parameters:)`` of the batches and objectives
    /// of `side`, stacked once by the caller (an inner loop's steps on one support set),
    /// with `side`'s ``stackedPassInput(_:)`` when the caller took it once too.
    func weightedGradient(_ side: StackSide, weights: [Float], parameters: ParameterSet, input: Matrix? = nil)
        -> ParameterSet
    {
        let stack = stackedPass(side, parameters: parameters, input: input)
        var outputGradient = Matrix(rows: side.rows.totalRows, columns: outputWidth)
        for (task, objective) in side.objectives.enumerated() {
            var gradient = objective.gradient(stack.output.rows(side.rows[task]))
            gradient.scale(by: weights[task])
            outputGradient.replaceRows(from: side.rows[task].lowerBound, with: gradient)
        }
        return stackedPullback(stack, side: side, parameters: parameters, outputGradient: outputGradient)
    }
}
