/// The forward pass over a stack of tasks, kept for the backward pass and the R-operator.
struct StackTrace {
    /// Each layer's input over the whole stack: the encoding for the first, the previous
    /// activation after.
    var inputs: [Matrix] = []
    /// Each hidden layer's pre-activation.
    var preActivations: [Matrix] = []
    /// The `rows × 1` outputs.
    var output = Matrix(rows: 0, columns: 1)
}

/// A stack of tasks linearized at their parameters: the forward pass, each task's loss and
/// gradient (decision layers only), and the backward pass's intermediate gradients.
struct StackLinearization {
    let trace: StackTrace
    /// Each task's loss.
    let losses: [Double]
    /// Each task's gradient; tensors outside the decision layers are zero.
    let gradients: [ParameterSet]
    /// `∂L/∂(dense output)` of each layer over the stack, output layer last.
    let linearGradients: [Matrix]
    /// `∂L/∂x` of the encoding over the stack, when asked for.
    let inputGradient: Matrix?
}

// MARK: - Passes over a stack of tasks

/// Forward, backward and R-operator passes of a network without adapter over the rows of
/// many tasks at once, each task with its own decision layers (``StackWeights``) and its
/// own objective, the encoding computed once by the caller. They compute the same
/// quantities as ``FeatureNetwork/linearize(_:objective:parameters:includeEncoder:)`` and
/// ``FeatureNetwork/hessianVectorProduct(at:batch:objective:parameters:direction:includeEncoder:)``
/// per task; products with shared weights span the whole stack.
extension FeatureNetwork {
    /// The forward pass of every task over its rows of the encoding `x`.
    func stackedForward(_ x: Matrix, rows: RowSegments, weights: StackWeights) -> StackTrace {
        var trace = StackTrace()
        var h = x
        for (l, layer) in layers.enumerated() {
            trace.inputs.append(h)
            let w = layerIndices[l]
            var z = Matrix(rows: h.rows, columns: layer.outputWidth)
            weights.addBiases(weight: w + 1, rows: rows, into: &z)
            weights.addProducts(h, weight: w, rows: rows, into: &z)
            guard l < hiddenWidths.count else {
                trace.output = z
                break
            }
            trace.preActivations.append(z)
            h = z.rectified
        }
        return trace
    }

    /// Every task's loss and gradient on its rows of the encoding `x`, with the passes kept
    /// for Hessian-vector products; `∂L/∂x` over the stack too when `needsInputGradient`.
    func stackedLinearize(
        _ x: Matrix, rows: RowSegments, objectives: [Objective], weights: StackWeights, needsInputGradient: Bool
    ) -> StackLinearization {
        let trace = stackedForward(x, rows: rows, weights: weights)
        var losses = [Double]()
        var g = Matrix(rows: x.rows, columns: 1)
        for (task, objective) in objectives.enumerated() {
            let output = trace.output.rows(rows[task])
            losses.append(objective.value(output))
            g.replaceRows(from: rows[task].lowerBound, with: objective.gradient(output))
        }
        var gradients = Array(repeating: zeros, count: rows.count)
        var linearGradients = [Matrix]()
        for l in layers.indices.reversed() {
            let w = layerIndices[l]
            if l < hiddenWidths.count { g.zeroWhereNotPositive(trace.preActivations[l]) }
            linearGradients.append(g)
            let input = trace.inputs[l]
            for task in 0..<rows.count {
                var weightGradient = Matrix(rows: input.columns, columns: g.columns)
                weightGradient.addProduct(input, rows: rows[task], g, rows: rows[task], transposeA: true, intoRows: 0..<input.columns)
                gradients[task][w] = weightGradient
                gradients[task][w + 1] = g.columnSums(rows: rows[task])
            }
            guard l > 0 || needsInputGradient else { break }
            var previous = Matrix(rows: g.rows, columns: input.columns)
            weights.addProducts(g, weight: w, rows: rows, transposeWeight: true, into: &previous)
            g = previous
        }
        return StackLinearization(
            trace: trace, losses: losses, gradients: gradients, linearGradients: linearGradients.reversed(),
            inputGradient: needsInputGradient ? g : nil
        )
    }

    /// Each task's exact `∇²L_t · d_t` at a linearized stack, for directions `d_t` that are
    /// zero outside the decision layers: the decision layers' part per task (or, when
    /// `summed`, only its sum over the tasks) and, in `encoder`, the embedding tables' part
    /// summed over the tasks.
    func stackedHessianVectorProducts(
        at point: StackLinearization, batch: FeatureBatch, rows: RowSegments, objectives: [Objective],
        weights: StackWeights, directions: [ParameterSet], summed: Bool
    ) -> (perTask: [ParameterSet], sum: ParameterSet) {
        let trace = point.trace
        var inputTangents = [Matrix?]()
        var rh: Matrix?
        var outputTangent = Matrix(rows: 0, columns: 1)
        for (l, layer) in layers.enumerated() {
            inputTangents.append(rh)
            let w = layerIndices[l]
            let input = trace.inputs[l]
            var rz = Matrix(rows: input.rows, columns: layer.outputWidth)
            for task in 0..<rows.count {
                let direction = directions[task][w]
                rz.addToEachRow(directions[task][w + 1], rows: rows[task])
                rz.addProduct(input, rows: rows[task], direction, rows: 0..<direction.rows, intoRows: rows[task])
            }
            if let rh { weights.addProducts(rh, weight: w, rows: rows, into: &rz) }
            guard l < hiddenWidths.count else {
                outputTangent = rz
                break
            }
            rz.zeroWhereNotPositive(trace.preActivations[l])
            rh = rz
        }
        var rg = Matrix(rows: outputTangent.rows, columns: 1)
        for (task, objective) in objectives.enumerated() {
            let tangent = objective.gradientTangent(trace.output.rows(rows[task]), outputTangent: outputTangent.rows(rows[task]))!
            rg.replaceRows(from: rows[task].lowerBound, with: tangent)
        }
        var perTask = summed ? [] : Array(repeating: zeros, count: rows.count)
        var sum = zeros
        for l in layers.indices.reversed() {
            let w = layerIndices[l]
            let input = trace.inputs[l]
            let gz = point.linearGradients[l]
            if l < hiddenWidths.count { rg.zeroWhereNotPositive(trace.preActivations[l]) }
            if summed {
                var weightPart = Matrix(rows: input.columns, columns: rg.columns)
                if let inputTangent = inputTangents[l] { weightPart.addProduct(inputTangent, gz, transposeA: true) }
                weightPart.addProduct(input, rg, transposeA: true)
                sum[w] = weightPart
                sum[w + 1] = rg.columnSums
            } else {
                for task in 0..<rows.count {
                    let block = rows[task]
                    var weightPart = Matrix(rows: input.columns, columns: rg.columns)
                    if let inputTangent = inputTangents[l] {
                        weightPart.addProduct(inputTangent, rows: block, gz, rows: block, transposeA: true, intoRows: 0..<input.columns)
                    }
                    weightPart.addProduct(input, rows: block, rg, rows: block, transposeA: true, intoRows: 0..<input.columns)
                    perTask[task][w] = weightPart
                    perTask[task][w + 1] = rg.columnSums(rows: block)
                }
            }
            guard l > 0 || !encoderIndices.isEmpty else { break }
            var previous = Matrix(rows: rg.rows, columns: input.columns)
            weights.addProducts(rg, weight: w, rows: rows, transposeWeight: true, into: &previous)
            for task in 0..<rows.count {
                let direction = directions[task][w]
                previous.addProduct(gz, rows: rows[task], direction, rows: 0..<direction.rows, transposeB: true, intoRows: rows[task])
            }
            rg = previous
        }
        if !encoderIndices.isEmpty { scatterInputGradient(rg, batch: batch, into: &sum) }
        return (perTask, sum)
    }
}
