/// What the forward pass keeps for the backward pass and the R-operator.
struct ForwardTrace: Sendable {
    /// Each layer's input: `x` for the first, the previous activation after.
    var inputs: [Matrix] = []
    /// Each hidden layer's pre-activation before FiLM (the dense output plus any low-rank update).
    var linear: [Matrix] = []
    /// Each hidden layer's pre-activation after FiLM (what ReLU sees).
    var preActivations: [Matrix] = []
    /// The low-rank adapter's projection `x·A`, when there is one.
    var projection: Matrix?
    /// The network's `rows × 1` outputs.
    var output = Matrix(rows: 0, columns: 1)
}

// MARK: - Forward pass

extension FeatureNetwork {
    /// The network's outputs, one per row. The first layer is computed field by field
    /// (`fieldwiseFirstLayer(_:parameters:)`): what every row shares (the user's own
    /// features when one user's candidates are scored) enters once, and small tables
    /// (an item's category) are projected once instead of once per row; a low-rank
    /// adapter of the first layer projects its input `x·A` field by field too.
    ///
    /// Only the outputs are computed: each layer's activation is rectified in place and
    /// nothing is kept for a backward pass (the same values as `forwardTrace(_:parameters:)`,
    /// bit for bit, when the first layer is not computed field by field).
    ///
    /// `firstLinear`, when given, is the batch's ``fieldwiseFirstLayer(_:parameters:)``, which
    /// a caller may keep for batches whose first layer's weights and tables do not change
    /// (a frozen network under a per-user adapter): the outputs are the same bit for bit.
    public func outputs(_ batch: FeatureBatch, parameters: ParameterSet, firstLinear given: Matrix? = nil) -> [Float] {
        guard adapter != nil else {
            return linearOutput(of: layers.count - 1, batch, parameters: parameters, firstLinear: given).storage
        }
        let lowRankFirst = lowRank?.layer == 0
        var weights = given == nil ? [(parameters[layerIndices[0]], parameters[layerIndices[0] + 1])] : []
        if let lowRank, lowRankFirst {
            weights.append((parameters[adapterIndices[0]], Matrix(rows: 1, columns: lowRank.module.rank)))
        }
        if let given, weights.isEmpty {
            return adaptedOutputs(input: nil, firstLinear: given, firstProjection: nil, parameters: parameters)
        }
        guard let products = fieldwiseProducts(batch, weights: weights, parameters: parameters) else {
            precondition(given == nil, "a first layer given for a batch not computed field by field")
            let x = encode(batch, parameters: parameters)
            let w = layerIndices[0]
            return adaptedOutputs(
                input: x, firstLinear: layers[0].forward(x, weight: parameters[w], bias: parameters[w + 1]),
                firstProjection: nil, parameters: parameters)
        }
        return adaptedOutputs(
            input: nil, firstLinear: given ?? products[0], firstProjection: lowRankFirst ? products.last : nil,
            parameters: parameters)
    }

    /// The outputs of a network with an adapter from the first layer's dense output
    /// `firstLinear`, each activation rectified in place and nothing kept: the forward
    /// trace's operations on the same values. A low-rank adapter of the first layer adds
    /// `firstProjection·B` when given (the projection `x·A` computed field by field), else
    /// projects `input`.
    private func adaptedOutputs(input: Matrix?, firstLinear: Matrix, firstProjection: Matrix?, parameters: ParameterSet)
        -> [Float]
    {
        var z = firstLinear
        var h = input
        for l in hiddenWidths.indices {
            if l > 0 {
                let w = layerIndices[l]
                z = layers[l].forward(h!, weight: parameters[w], bias: parameters[w + 1])
            }
            if let lowRank, lowRank.layer == l {
                let (down, up) = (parameters[adapterIndices[0]], parameters[adapterIndices[1]])
                let update =
                    if l == 0, let firstProjection {
                        Matrix.product(firstProjection, up)
                    } else {
                        lowRank.module.forward(h!, down: down, up: up).update
                    }
                z.add(update)
            }
            if let film, film.layer == l {
                z = film.module.forward(z, scale: parameters[adapterIndices[0]], shift: parameters[adapterIndices[1]])
            }
            z.rectify()
            h = z
        }
        let w = layerIndices[layers.count - 1]
        return layers[layers.count - 1].forward(h!, weight: parameters[w], bias: parameters[w + 1]).storage
    }

    /// The last hidden layer's activations on `batch` (``Representation/features``),
    /// computed as ``outputs(_:parameters:firstLinear:)`` computes them: the first layer field by field,
    /// nothing kept for a backward pass (networks without an adapter).
    public func features(_ batch: FeatureBatch, parameters: ParameterSet) -> Matrix {
        precondition(adapter == nil, "a representation is taken from a network without an adapter")
        guard !hiddenWidths.isEmpty else { return encode(batch, parameters: parameters) }
        var h = linearOutput(of: hiddenWidths.count - 1, batch, parameters: parameters)
        h.rectify()
        return h
    }

    /// Layer `last`'s dense output `h·W + b` (no adapter), each earlier layer's output
    /// rectified in place; the first layer's is `firstLinear` when given.
    private func linearOutput(of last: Int, _ batch: FeatureBatch, parameters: ParameterSet, firstLinear: Matrix? = nil)
        -> Matrix
    {
        var z =
            firstLinear ?? fieldwiseFirstLayer(batch, parameters: parameters)
            ?? layers[0].forward(
                encode(batch, parameters: parameters), weight: parameters[layerIndices[0]],
                bias: parameters[layerIndices[0] + 1])
        for l in layers.indices.dropFirst().prefix(last) {
            z.rectify()
            z = layers[l].forward(z, weight: parameters[layerIndices[l]], bias: parameters[layerIndices[l] + 1])
        }
        return z
    }

    /// The objective's value at the network's outputs.
    public func loss(_ batch: FeatureBatch, objective: Objective, parameters: ParameterSet) -> Double {
        objective.value(forwardTrace(batch, parameters: parameters).output)
    }

    func forwardTrace(_ batch: FeatureBatch, parameters: ParameterSet) -> ForwardTrace {
        forwardTrace(input: encode(batch, parameters: parameters), parameters: parameters)
    }

    /// The forward pass from the encoded input `x`.
    private func forwardTrace(input: Matrix, parameters: ParameterSet) -> ForwardTrace {
        let first = layers[0].forward(input, weight: parameters[layerIndices[0]], bias: parameters[layerIndices[0] + 1])
        return forwardTrace(input: input, firstLinear: first, parameters: parameters)
    }

    /// The forward pass given the first layer's dense output `firstLinear` (`x·W + b`, before
    /// any adapter); `input` is kept in the trace as the first layer's input (it may have no
    /// columns when only the outputs are wanted and no low-rank adapter reads it).
    func forwardTrace(input: Matrix, firstLinear: Matrix, parameters: ParameterSet) -> ForwardTrace {
        var trace = ForwardTrace()
        var h = input
        let hiddenCount = hiddenWidths.count
        for (l, layer) in layers.enumerated() {
            trace.inputs.append(h)
            let w = layerIndices[l]
            var z = l == 0 ? firstLinear : layer.forward(h, weight: parameters[w], bias: parameters[w + 1])
            guard l < hiddenCount else {
                trace.output = z
                break
            }
            if let lowRank, lowRank.layer == l {
                let (projection, update) = lowRank.module.forward(
                    h, down: parameters[adapterIndices[0]], up: parameters[adapterIndices[1]])
                trace.projection = projection
                z.add(update)
            }
            trace.linear.append(z)
            if let film, film.layer == l {
                z = film.module.forward(z, scale: parameters[adapterIndices[0]], shift: parameters[adapterIndices[1]])
            }
            trace.preActivations.append(z)
            h = ReLU.forward(z)
        }
        return trace
    }
}
