/// A network's last hidden layer as a learned representation: what a Bayesian linear head
/// (`BayesianLinearRegression`) sits on, in place of the network's own output layer.
public struct Representation: Sendable {
    /// The last hidden layer's activations, one row per batch row.
    public let features: Matrix
    let trace: ForwardTrace
}

// MARK: - Representation and its backward pass

extension FeatureNetwork {
    /// The last hidden layer's activations on `batch` (networks without an adapter).
    public func representation(_ batch: FeatureBatch, parameters: ParameterSet) -> Representation {
        precondition(adapter == nil, "a representation is taken from a network without an adapter")
        let trace = forwardTrace(batch, parameters: parameters)
        return Representation(features: trace.inputs[layers.count - 1], trace: trace)
    }

    /// ``representation(_:parameters:)`` with the first layer's dense output computed field
    /// by field (``fieldwiseFirstLayer(_:parameters:)``: small tables projected once instead
    /// of once per row), the input still encoded for the backward pass: the same values up
    /// to the order of the sums.
    func fieldwiseRepresentation(_ batch: FeatureBatch, parameters: ParameterSet) -> Representation {
        precondition(adapter == nil, "a representation is taken from a network without an adapter")
        guard let first = fieldwiseFirstLayer(batch, parameters: parameters) else {
            return representation(batch, parameters: parameters)
        }
        let x = encode(batch, parameters: parameters)
        let trace = forwardTrace(input: x, firstLinear: first, parameters: parameters)
        return Representation(features: trace.inputs[layers.count - 1], trace: trace)
    }

    /// The gradient of a loss with respect to the parameters below the output layer, given
    /// its gradient `featureGradient` with respect to ``Representation/features``; the
    /// output layer's tensors are zero. Embedding tables are included.
    public func representationGradient(
        _ representation: Representation, batch: FeatureBatch, parameters: ParameterSet, featureGradient: Matrix
    ) -> ParameterSet {
        var gradient = scatterZeros
        guard !hiddenWidths.isEmpty else {
            scatterInputGradient(featureGradient, batch: batch, into: &gradient)
            return gradient
        }
        let trace = representation.trace
        let gz = firstLayerOutputGradient(
            trace, parameters: parameters, featureGradient: featureGradient, into: &gradient)
        let w = layerIndices[0]
        let plain = layers[0].backward(
            input: trace.inputs[0], weight: parameters[w], outputGradient: gz, needsInput: true)
        (gradient[w], gradient[w + 1]) = (plain.parameters[0], plain.parameters[1])
        scatterInputGradient(plain.input!, batch: batch, into: &gradient)
        return gradient
    }

    /// ``representationGradient(_:batch:parameters:featureGradient:)`` for the rows of a
    /// stack of tasks (`side`, whose stacked batch the representation was taken on), with
    /// the first layer's weight gradient and the embedding tables' gradients through the
    /// codes the stack touches (``addFirstLayerTransposedProduct(_:side:tables:gradient:dense:sums:into:)``,
    /// ``scatterThroughFirstLayer(_:side:separately:firstTermSums:perTask:sum:)``): the input gradient
    /// over every row and column is never formed. Equal up to the order of the sums.
    func stackedRepresentationGradient(
        _ representation: Representation, side: StackSide, parameters: ParameterSet, featureGradient: Matrix
    ) -> ParameterSet {
        guard !hiddenWidths.isEmpty else {
            return representationGradient(
                representation, batch: side.batch, parameters: parameters, featureGradient: featureGradient)
        }
        let trace = representation.trace
        var gradient = zeros
        let gz = firstLayerOutputGradient(
            trace, parameters: parameters, featureGradient: featureGradient, into: &gradient)
        let w = layerIndices[0]
        var weightGradient = Matrix(rows: inputWidth, columns: gz.columns)
        let sums = codeSums(gz, side: side)
        addFirstLayerTransposedProduct(
            trace.inputs[0], side: side, tables: { tensor, _ in parameters[tensor] }, gradient: gz, dense: true,
            sums: sums, into: &weightGradient)
        (gradient[w], gradient[w + 1]) = (weightGradient, gz.columnSums)
        var perTask = [ParameterSet]()
        scatterThroughFirstLayer(
            [FirstLayerTerm(gz, weights: .shared(parameters), index: w, tasks: side.rows.count)], side: side,
            separately: false, firstTermSums: sums, perTask: &perTask, sum: &gradient)
        return gradient
    }

    /// `∂L/∂z₀`, the gradient of the first layer's dense output, from `featureGradient`
    /// through the hidden layers above the first, whose tensors' gradients go into
    /// `gradient` (a network with hidden layers).
    private func firstLayerOutputGradient(
        _ trace: ForwardTrace, parameters: ParameterSet, featureGradient: Matrix, into gradient: inout ParameterSet
    ) -> Matrix {
        // ReLU's backward pass in place: each layer's input gradient is this function's own.
        var gz = featureGradient
        for l in hiddenWidths.indices.dropFirst().reversed() {
            let w = layerIndices[l]
            gz.zeroWhereNotPositive(trace.preActivations[l])
            let plain = layers[l].backward(
                input: trace.inputs[l], weight: parameters[w], outputGradient: gz, needsInput: true)
            (gradient[w], gradient[w + 1]) = (plain.parameters[0], plain.parameters[1])
            gz = plain.input!
        }
        gz.zeroWhereNotPositive(trace.preActivations[0])
        return gz
    }
}
