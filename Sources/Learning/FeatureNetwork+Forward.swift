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
    /// The network's outputs, one per row. Fields whose value every row shares (the user's
    /// own features when one user's candidates are scored) enter the first layer once, as
    /// a bias, instead of once per row (see `sharedFieldsFolded(_:parameters:)`).
    public func outputs(_ batch: FeatureBatch, parameters: ParameterSet) -> [Float] {
        if let (input, folded) = sharedFieldsFolded(batch, parameters: parameters) {
            return forwardTrace(input: input, parameters: folded).output.storage
        }
        return forwardTrace(batch, parameters: parameters).output.storage
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
        var trace = ForwardTrace()
        var h = input
        let hiddenCount = hiddenWidths.count
        for (l, layer) in layers.enumerated() {
            trace.inputs.append(h)
            let w = layerIndices[l]
            var z = layer.forward(h, weight: parameters[w], bias: parameters[w + 1])
            guard l < hiddenCount else {
                trace.output = z
                break
            }
            if let lowRank, lowRank.layer == l {
                let (projection, update) = lowRank.module.forward(h, down: parameters[adapterIndices[0]], up: parameters[adapterIndices[1]])
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
