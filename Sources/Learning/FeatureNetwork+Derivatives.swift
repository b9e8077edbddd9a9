/// The result of differentiating a network's loss on one batch.
public struct Derivatives: Sendable {
    /// The loss.
    public var loss: Double
    /// The network's outputs, one per row.
    public var outputs: [Float]
    /// `∇L`, one tensor per parameter tensor (embedding tables zero unless asked for).
    public var gradient: ParameterSet
    /// `∇²L · v` for the requested direction `v`, exact; `nil` when not asked for.
    public var hessianVectorProduct: ParameterSet?
}

/// A network linearized at one point on one batch: the forward pass, the loss, its
/// gradient, and the backward pass's intermediate gradients, kept so that Hessian-vector
/// products at the same point need neither pass again.
public struct Linearization: Sendable {
    /// The loss and gradient at the point.
    public let derivatives: Derivatives
    let trace: ForwardTrace
    /// `∂L/∂(pre-activation)` of each hidden layer (what FiLM's backward receives).
    let preActivationGradients: [Matrix]
    /// `∂L/∂(dense output)` of each layer, output layer last.
    let linearGradients: [Matrix]
}

/// The R-operator's forward quantities: the tangents of the ``ForwardTrace`` entries.
struct TangentTrace {
    var inputs: [Matrix?] = []
    var linear: [Matrix?] = []
    var projection: Matrix?
    var output: Matrix?
}

// MARK: - Gradients and Hessian-vector products

extension FeatureNetwork {
    /// The loss and its gradient by reverse-mode differentiation. Embedding-table gradients
    /// are computed only when `includeEncoder` is set (they are zero otherwise).
    public func gradient(
        _ batch: FeatureBatch, objective: Objective, parameters: ParameterSet, includeEncoder: Bool = true
    ) -> Derivatives {
        linearize(batch, objective: objective, parameters: parameters, includeEncoder: includeEncoder).derivatives
    }

    /// The loss, its gradient and the exact Hessian-vector product `∇²L · direction`, by
    /// Pearlmutter's R-operator applied to the backward pass (forward-over-reverse): one
    /// forward pass with tangents, one backward pass with tangents, no finite differences.
    public func hessianVectorProduct(
        _ batch: FeatureBatch, objective: Objective, parameters: ParameterSet, direction: ParameterSet,
        includeEncoder: Bool = true
    ) -> Derivatives {
        let point = linearize(batch, objective: objective, parameters: parameters, includeEncoder: includeEncoder)
        var result = point.derivatives
        result.hessianVectorProduct = hessianVectorProduct(
            at: point, batch: batch, objective: objective, parameters: parameters, direction: direction,
            includeEncoder: includeEncoder
        )
        return result
    }

    // MARK: - Reverse mode

    /// The forward and backward passes at `parameters`, kept for later Hessian-vector products.
    public func linearize(
        _ batch: FeatureBatch, objective: Objective, parameters: ParameterSet, includeEncoder: Bool = true
    ) -> Linearization {
        linearize(
            forwardTrace(batch, parameters: parameters), batch: batch, objective: objective, parameters: parameters,
            includeEncoder: includeEncoder)
    }

    /// The backward pass from a forward pass already taken at `parameters` on `batch`
    /// (``forwardTrace(_:parameters:)``): a caller that needed only the outputs first (a
    /// loss to accept or reject a step) differentiates later without a second forward pass.
    /// With `only`, the dense layers' weight and bias gradients are computed for the layers
    /// whose weight is in `only` and left zero for the others (an inner loop that adapts
    /// other tensors takes nothing from them); the rest is the same.
    func linearize(
        _ trace: ForwardTrace, batch: FeatureBatch, objective: Objective, parameters: ParameterSet,
        includeEncoder: Bool, only: Set<Int>? = nil
    ) -> Linearization {
        var gradient = includeEncoder ? scatterZeros : zeros
        var gh: Matrix? = objective.gradient(trace.output)
        var preActivationGradients = [Matrix]()
        var linearGradients = [Matrix]()
        let hiddenCount = hiddenWidths.count
        for l in layers.indices.reversed() {
            let w = layerIndices[l]
            var gz = gh!
            if l < hiddenCount {
                gz = ReLU.backward(preActivation: trace.preActivations[l], outputGradient: gz)
                preActivationGradients.append(gz)
                if let film, film.layer == l {
                    let (a, b) = (adapterIndices[0], adapterIndices[1])
                    let plain = film.module.backward(input: trace.linear[l], scale: parameters[a], outputGradient: gz)
                    (gradient[a], gradient[b]) = (plain.parameters[0], plain.parameters[1])
                    gz = plain.input!
                }
            }
            linearGradients.append(gz)
            let needsInput = l > 0 || includeEncoder
            let sharedColumns = l == 0 ? trace.sharedColumns : 0
            var ghPrevious: Matrix?
            if let only, !only.contains(w), sharedColumns == 0 {
                ghPrevious = needsInput ? Matrix.product(gz, parameters[w], transposeB: true) : nil
            } else {
                let plain = layers[l].backward(
                    input: trace.inputs[l], sharedColumns: sharedColumns,
                    activeColumns: l == 0 ? trace.activeColumns : nil, weight: parameters[w], outputGradient: gz,
                    needsInput: needsInput)
                (gradient[w], gradient[w + 1]) = (plain.parameters[0], plain.parameters[1])
                ghPrevious = plain.input
            }
            if let lowRank, lowRank.layer == l {
                let (a, b) = (adapterIndices[0], adapterIndices[1])
                let adapter = lowRank.module.backward(
                    input: trace.inputs[l], projection: trace.projection!, down: parameters[a], up: parameters[b],
                    outputGradient: gz, needsInput: needsInput
                )
                (gradient[a], gradient[b]) = (adapter.parameters[0], adapter.parameters[1])
                ghPrevious = Tangent.sum(ghPrevious, adapter.input)
            }
            gh = ghPrevious
        }
        if includeEncoder, let gx = gh { scatterInputGradient(gx, batch: batch, into: &gradient) }
        return Linearization(
            derivatives: Derivatives(
                loss: objective.value(trace.output), outputs: trace.output.storage, gradient: gradient,
                hessianVectorProduct: nil),
            trace: trace, preActivationGradients: preActivationGradients.reversed(),
            linearGradients: linearGradients.reversed()
        )
    }

    // MARK: - R-operator

    /// The exact `∇²L · direction` at a linearized point: the R-operator's forward pass,
    /// then its backward pass, reusing the point's forward and backward quantities.
    /// Embedding-table rows are filled only when `includeEncoder` is set.
    public func hessianVectorProduct(
        at point: Linearization, batch: FeatureBatch, objective: Objective, parameters: ParameterSet,
        direction: ParameterSet, includeEncoder: Bool = true
    ) -> ParameterSet {
        let trace = point.trace
        let tangents = direction.tensors.map { $0.isZero ? nil : $0 }
        let rTrace = tangentTrace(trace, batch: batch, parameters: parameters, tangents: tangents)
        var hvp = includeEncoder ? scatterZeros : zeros
        var rgh = objective.gradientTangent(trace.output, outputTangent: rTrace.output)
        let hiddenCount = hiddenWidths.count
        for l in layers.indices.reversed() {
            let w = layerIndices[l]
            let gz = point.linearGradients[l]
            var rgz = rgh
            if l < hiddenCount {
                rgz = ReLU.rPass(preActivation: trace.preActivations[l], tangent: rgz)
                if let film, film.layer == l {
                    let (a, b) = (adapterIndices[0], adapterIndices[1])
                    let r = film.module.rBackward(
                        input: trace.linear[l], inputTangent: rTrace.linear[l], scale: parameters[a],
                        scaleTangent: tangents[a],
                        outputGradient: point.preActivationGradients[l], outputGradientTangent: rgz
                    )
                    (hvp[a], hvp[b]) = (r.parameters[0], r.parameters[1])
                    rgz = r.input
                }
            }
            let needsInput = l > 0 || includeEncoder
            let r = layers[l].rBackward(
                input: trace.inputs[l], inputTangent: rTrace.inputs[l], sharedColumns: l == 0 ? trace.sharedColumns : 0,
                activeColumns: l == 0 ? trace.activeColumns : nil, weight: parameters[w], weightTangent: tangents[w],
                outputGradient: gz, outputGradientTangent: rgz, needsInput: needsInput
            )
            (hvp[w], hvp[w + 1]) = (r.parameters[0], r.parameters[1])
            var rghPrevious = r.input
            if let lowRank, lowRank.layer == l {
                let (a, b) = (adapterIndices[0], adapterIndices[1])
                let adapter = lowRank.module.rBackward(
                    input: trace.inputs[l], inputTangent: rTrace.inputs[l], projection: trace.projection!,
                    projectionTangent: rTrace.projection,
                    down: parameters[a], up: parameters[b], downTangent: tangents[a], upTangent: tangents[b],
                    outputGradient: gz, outputGradientTangent: rgz, needsInput: needsInput
                )
                (hvp[a], hvp[b]) = (adapter.parameters[0], adapter.parameters[1])
                rghPrevious = Tangent.sum(rghPrevious, adapter.input)
            }
            rgh = rghPrevious
        }
        if includeEncoder, let rgx = rgh { scatterInputGradient(rgx, batch: batch, into: &hvp) }
        return hvp
    }

    private func tangentTrace(_ trace: ForwardTrace, batch: FeatureBatch, parameters: ParameterSet, tangents: [Matrix?])
        -> TangentTrace
    {
        var r = TangentTrace()
        var rh = encodeTangent(batch, tangents: tangents)
        let hiddenCount = hiddenWidths.count
        for (l, layer) in layers.enumerated() {
            r.inputs.append(rh)
            let w = layerIndices[l]
            var rz = layer.rForward(
                input: trace.inputs[l], inputTangent: rh, sharedColumns: l == 0 ? trace.sharedColumns : 0,
                activeColumns: l == 0 ? trace.activeColumns : nil, weight: parameters[w], weightTangent: tangents[w],
                biasTangent: tangents[w + 1]
            )
            guard l < hiddenCount else {
                r.output = rz
                break
            }
            if let lowRank, lowRank.layer == l {
                let (a, b) = (adapterIndices[0], adapterIndices[1])
                let adapter = lowRank.module.rForward(
                    input: trace.inputs[l], inputTangent: rh, projection: trace.projection!, down: parameters[a],
                    up: parameters[b],
                    downTangent: tangents[a], upTangent: tangents[b]
                )
                r.projection = adapter.projection
                rz = Tangent.sum(rz, adapter.update)
            }
            r.linear.append(rz)
            if let film, film.layer == l {
                let (a, b) = (adapterIndices[0], adapterIndices[1])
                rz = film.module.rForward(
                    input: trace.linear[l], inputTangent: rz, scale: parameters[a], scaleTangent: tangents[a],
                    shiftTangent: tangents[b]
                )
            }
            rh = ReLU.rPass(preActivation: trace.preActivations[l], tangent: rz)
        }
        return r
    }
}
