// MARK: - Weighted gradients of many batches

extension FeatureNetwork {
    /// `Σₜ weightₜ · ∇ objectiveₜ(batchₜ)` (networks without an adapter): the batches' rows
    /// stacked into one forward pass, each batch's output gradient scaled by its weight, and
    /// one backward pass — the first layer's products, its weight gradient and the
    /// embedding tables' gradients through the codes the stack touches
    /// (`stackedForward(_:side:weights:)`, `stackedRepresentationGradient(_:side:parameters:featureGradient:)`),
    /// never the input gradient over every row and column. The weighted sum of the batches'
    /// own gradients up to the order of the sums; what a mini-batch of users' histories,
    /// each weighted by its share of the rows, trains on.
    public func weightedGradient(
        _ batches: [FeatureBatch], objectives: [Objective], weights: [Float], parameters: ParameterSet
    ) -> ParameterSet {
        precondition(adapter == nil, "a weighted gradient is taken through a network without an adapter")
        precondition(
            batches.count == objectives.count && batches.count == weights.count, "one objective and weight per batch")
        let side = StackSide(batches: batches, objectives: objectives)
        let stack = stackedForward(
            encode(side.batch, parameters: parameters), side: side, weights: .shared(parameters))
        var outputGradient = Matrix(rows: side.rows.totalRows, columns: outputWidth)
        for (task, objective) in objectives.enumerated() {
            var gradient = objective.gradient(stack.output.rows(side.rows[task]))
            gradient.scale(by: weights[task])
            outputGradient.replaceRows(from: side.rows[task].lowerBound, with: gradient)
        }
        let last = layers.count - 1
        let w = layerIndices[last]
        let head = layers[last].backward(
            input: stack.inputs[last], weight: parameters[w], outputGradient: outputGradient, needsInput: true)
        let trace = ForwardTrace(
            inputs: stack.inputs, linear: stack.linear, preActivations: stack.preActivations, output: stack.output)
        var gradient = stackedRepresentationGradient(
            Representation(features: stack.inputs[last], trace: trace), side: side, parameters: parameters,
            featureGradient: head.input!)
        (gradient[w], gradient[w + 1]) = (head.parameters[0], head.parameters[1])
        return gradient
    }
}
