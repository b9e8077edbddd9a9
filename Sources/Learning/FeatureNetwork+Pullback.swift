/// A forward pass of a ``FeatureNetwork`` kept for pulling back any gradient of its
/// outputs: what a model that uses the network's outputs as a representation (a two-tower
/// model's item tower) needs, where ``FeatureNetwork/linearize(_:objective:parameters:includeEncoder:)``
/// knows only gradients of an ``Objective``.
public struct NetworkPass: Sendable {
    /// The outputs, `rows × outputWidth`.
    public let outputs: Matrix
    let trace: ForwardTrace
}

// MARK: - Forward pass and pull-back

extension FeatureNetwork {
    /// The forward pass on `batch`, kept for ``pullback(_:batch:parameters:outputGradient:)``
    /// (networks without an adapter).
    public func pass(_ batch: FeatureBatch, parameters: ParameterSet) -> NetworkPass {
        precondition(adapter == nil, "a pull-back is taken through a network without an adapter")
        let trace = forwardTrace(batch, parameters: parameters)
        return NetworkPass(outputs: trace.output, trace: trace)
    }

    /// `(∂outputs/∂θ)ᵀ · outputGradient` at `pass`: the gradient of any loss whose gradient
    /// with respect to the outputs is `outputGradient`, embedding tables included.
    public func pullback(_ pass: NetworkPass, batch: FeatureBatch, parameters: ParameterSet, outputGradient: Matrix)
        -> ParameterSet
    {
        let last = layers.count - 1
        let w = layerIndices[last]
        let head = layers[last].backward(
            input: pass.trace.inputs[last], weight: parameters[w], outputGradient: outputGradient, needsInput: true)
        var gradient = representationGradient(
            Representation(features: pass.trace.inputs[last], trace: pass.trace), batch: batch, parameters: parameters,
            featureGradient: head.input!
        )
        (gradient[w], gradient[w + 1]) = (head.parameters[0], head.parameters[1])
        return gradient
    }
}

// MARK: - Stacked forward pass and pull-back

extension FeatureNetwork {
    /// The forward pass over the stacked batches of `side` under one set of parameters,
    /// kept for ``stackedPullback(_:side:parameters:outputGradient:)`` (networks without an
    /// adapter): the first layer through the codes the stack touches
    /// (`stackedForward(_:side:weights:firstLinear:)`), the outputs those of
    /// ``pass(_:parameters:)`` on each batch up to the order of the sums.
    ///
    /// `input`, when given, is ``stackedPassInput(_:)`` of `side`, taken once by a caller
    /// that passes the same side under many parameters (an inner loop's steps).
    func stackedPass(_ side: StackSide, parameters: ParameterSet, input: Matrix? = nil) -> StackTrace {
        precondition(adapter == nil, "a pull-back is taken through a network without an adapter")
        let x = input ?? stackedPassInput(side) ?? encode(side.batch, parameters: parameters)
        return stackedForward(x, side: side, weights: .shared(parameters))
    }

    /// The input of ``stackedPass(_:parameters:input:)`` when it does not depend on the
    /// parameters: with hidden layers, the passes read only the dense fields' columns of
    /// `x` (the first layer's products and weight gradient go through the codes, the
    /// tables' gradients too), so the tables' columns are left zero
    /// (``denseInput(_:)``); `nil` without hidden layers, whose pull-back reads all of `x`.
    func stackedPassInput(_ side: StackSide) -> Matrix? {
        hiddenWidths.isEmpty ? nil : denseInput(side.batch)
    }

    /// `(∂outputs/∂θ)ᵀ · outputGradient` over the whole stack at `stack`: the sum of every
    /// batch's ``pullback(_:batch:parameters:outputGradient:)`` with its rows of
    /// `outputGradient`, up to the order of the sums; the first layer's weight gradient and
    /// the embedding tables' gradients through the codes the stack touches
    /// (`stackedRepresentationGradient(_:side:parameters:featureGradient:)`).
    func stackedPullback(_ stack: StackTrace, side: StackSide, parameters: ParameterSet, outputGradient: Matrix)
        -> ParameterSet
    {
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
