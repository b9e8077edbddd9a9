/// The forward pass over a stack of tasks, kept for the backward pass and the R-operator.
struct StackTrace {
    /// Each layer's input over the whole stack: the encoding for the first, the previous
    /// activation after.
    var inputs: [Matrix] = []
    /// Each hidden layer's dense output, before FiLM.
    var linear: [Matrix] = []
    /// Each hidden layer's pre-activation, after FiLM (what ReLU sees).
    var preActivations: [Matrix] = []
    /// The low-rank adapter's projection `x·A` over the stack (each task's rows with its
    /// own `A`), when there is one.
    var projection: Matrix?
    /// The `rows × 1` outputs.
    var output = Matrix(rows: 0, columns: 1)
}

/// A stack of tasks linearized at their parameters: the forward pass, each task's loss and
/// gradient, and the backward pass's intermediate gradients.
struct StackLinearization {
    let trace: StackTrace
    /// Each task's loss.
    let losses: [Double]
    /// Each task's gradient of the adapted tensors; the others are zero.
    let gradients: [ParameterSet]
    /// The gradient of the tensors that do not adapt, summed over the tasks, when asked
    /// for; zero otherwise.
    let sharedGradient: ParameterSet
    /// `∂L/∂(pre-activation)` of each hidden layer over the stack (what FiLM's backward receives).
    let preActivationGradients: [Matrix]
    /// `∂L/∂(dense output)` of each layer over the stack, output layer last.
    let linearGradients: [Matrix]
}

// MARK: - Passes over a stack of tasks

/// Forward, backward and R-operator passes over the rows of many tasks at once, each task
/// with its own adapted tensors (``StackWeights``) and its own objective, the encoding
/// computed once by the caller. They compute what
/// ``FeatureNetwork/linearize(_:objective:parameters:includeEncoder:)`` and
/// ``FeatureNetwork/hessianVectorProduct(at:batch:objective:parameters:direction:includeEncoder:)``
/// compute per task, for networks without adapter, with a FiLM adapter or with a low-rank
/// adapter; products with tensors the tasks share span the whole stack.
extension FeatureNetwork {
    /// The encoding of every task's rows with its own tables: one encoding of the stacked
    /// batch when the tasks share their tables.
    func stackedEncoding(_ side: StackSide, weights: StackWeights) -> Matrix {
        guard encoderIndices.contains(where: weights.varies) else {
            return encode(side.batch, parameters: weights.parameters(task: 0))
        }
        var x = Matrix(rows: side.rows.totalRows, columns: inputWidth)
        for (task, batch) in side.batches.enumerated() {
            x.replaceRows(
                from: side.rows[task].lowerBound, with: encode(batch, parameters: weights.parameters(task: task)))
        }
        return x
    }

    /// The first layer's dense output `x·W + b` of every task over its rows of `side`
    /// (encoded as `x`), before any adapter; the product through the touched codes when the
    /// tasks share the weight.
    func stackedFirstLinear(_ x: Matrix, side: StackSide, weights: StackWeights) -> Matrix {
        let w = layerIndices[0]
        var z = Matrix(rows: x.rows, columns: layers[0].outputWidth)
        weights.addBiases(weight: w + 1, rows: side.rows, into: &z)
        if !weights.varies(w) {
            addFirstLayerProduct(
                x, side: side, tables: weights.tensor, weight: weights.tensor(w, task: 0), dense: true, into: &z)
        } else {
            weights.addProducts(x, weight: w, rows: side.rows, sharing: sharedColumns(side), into: &z)
        }
        return z
    }

    /// The forward pass of every task over its rows of `side` (encoded as `x`); the first
    /// layer's dense output `firstLinear` when given (``stackedFirstLinear(_:side:weights:)``
    /// at the same first layer and tables), computed otherwise.
    func stackedForward(_ x: Matrix, side: StackSide, weights: StackWeights, firstLinear: Matrix? = nil)
        -> StackTrace
    {
        let rows = side.rows
        var trace = StackTrace()
        var h = x
        for (l, layer) in layers.enumerated() {
            trace.inputs.append(h)
            let w = layerIndices[l]
            var z: Matrix
            if l == 0 {
                z = firstLinear ?? stackedFirstLinear(x, side: side, weights: weights)
            } else {
                z = Matrix(rows: h.rows, columns: layer.outputWidth)
                weights.addBiases(weight: w + 1, rows: rows, into: &z)
                weights.addProducts(h, weight: w, rows: rows, into: &z)
            }
            guard l < hiddenWidths.count else {
                trace.output = z
                break
            }
            if let lowRank, lowRank.layer == l {
                var projection = Matrix(rows: h.rows, columns: lowRank.module.rank)
                weights.addProducts(h, weight: adapterIndices[0], rows: rows, into: &projection)
                weights.addProducts(projection, weight: adapterIndices[1], rows: rows, into: &z)
                trace.projection = projection
            }
            trace.linear.append(z)
            if let film, film.layer == l {
                for task in 0..<rows.count {
                    z.multiplyEachRow(by: FiLM.onePlus(weights.tensor(adapterIndices[0], task: task)), rows: rows[task])
                    z.addToEachRow(weights.tensor(adapterIndices[1], task: task), rows: rows[task])
                }
            }
            trace.preActivations.append(z)
            h = z.rectified
        }
        return trace
    }

    /// Every task's loss and gradient of the `adapted` tensors on its rows of `side`
    /// (encoded as `x`; the first layer's dense output `firstLinear` when given), with the
    /// passes kept for Hessian-vector products; the other tensors' gradient summed over the
    /// tasks when `sharedGradient` is set.
    func stackedLinearize(
        _ x: Matrix, firstLinear: Matrix? = nil, side: StackSide, weights: StackWeights, adapted: Set<Int>,
        sharedGradient needsShared: Bool
    ) -> StackLinearization {
        let (rows, objectives) = (side.rows, side.objectives)
        let adaptsEncoder = encoderIndices.contains(where: adapted.contains)
        let needsInputGradient = !encoderIndices.isEmpty && (adaptsEncoder || needsShared)
        let trace = stackedForward(x, side: side, weights: weights, firstLinear: firstLinear)
        var losses = [Double]()
        var g = Matrix(rows: x.rows, columns: outputWidth)
        for (task, objective) in objectives.enumerated() {
            let output = trace.output.rows(rows[task])
            losses.append(objective.value(output))
            g.replaceRows(from: rows[task].lowerBound, with: objective.gradient(output))
        }
        var gradients = Array(repeating: zeros, count: rows.count)
        var shared = zeros
        var preActivationGradients = [Matrix]()
        var linearGradients = [Matrix]()
        for l in layers.indices.reversed() {
            let w = layerIndices[l]
            if l < hiddenWidths.count {
                g.zeroWhereNotPositive(trace.preActivations[l])
                preActivationGradients.append(g)
                if let film, film.layer == l {
                    let (a, b) = (adapterIndices[0], adapterIndices[1])
                    var weighted = g
                    weighted.multiply(by: trace.linear[l])
                    for task in 0..<rows.count {
                        gradients[task][a] = weighted.columnSums(rows: rows[task])
                        gradients[task][b] = g.columnSums(rows: rows[task])
                        g.multiplyEachRow(by: FiLM.onePlus(weights.tensor(a, task: task)), rows: rows[task])
                    }
                }
            }
            linearGradients.append(g)
            let input = trace.inputs[l]
            if adapted.contains(w) {
                let sharing = l == 0 ? sharedColumns(side) : nil
                for task in 0..<rows.count {
                    let sums = g.columnSums(rows: rows[task])
                    gradients[task][w] = Matrix.transposedProduct(
                        input, rows: rows[task], sharing: sharing?[task] ?? 0, g, sums: sums)
                    gradients[task][w + 1] = sums
                }
            } else if needsShared {
                if l == 0 {
                    var weightGradient = Matrix(rows: input.columns, columns: g.columns)
                    addFirstLayerTransposedProduct(
                        input, side: side, tables: weights.tensor, gradient: g, dense: true, into: &weightGradient)
                    shared[w] = weightGradient
                } else {
                    shared[w] = Matrix.product(input, g, transposeA: true)
                }
                shared[w + 1] = g.columnSums
            }
            var projectionGradient: Matrix?
            if let lowRank, lowRank.layer == l, let projection = trace.projection {
                let (a, b) = (adapterIndices[0], adapterIndices[1])
                var gp = Matrix(rows: g.rows, columns: lowRank.module.rank)
                weights.addProducts(g, weight: b, rows: rows, transposeWeight: true, into: &gp)
                for (index, left, right) in [(a, input, gp), (b, projection, g)] {
                    if adapted.contains(index) {
                        for task in 0..<rows.count {
                            gradients[task][index] = Matrix.transposedProduct(left, rows: rows[task], right)
                        }
                    } else if needsShared {
                        shared[index] = Matrix.product(left, right, transposeA: true)
                    }
                }
                projectionGradient = gp
            }
            guard l > 0 else {
                guard needsInputGradient else { break }
                var terms = [FirstLayerTerm(g, weights: weights, index: w, tasks: rows.count)]
                if let projectionGradient {
                    terms.append(
                        FirstLayerTerm(
                            projectionGradient, weights: weights, index: adapterIndices[0], tasks: rows.count))
                }
                scatterThroughFirstLayer(
                    terms, side: side, separately: adaptsEncoder, perTask: &gradients, sum: &shared)
                break
            }
            var previous = Matrix(rows: g.rows, columns: input.columns)
            weights.addProducts(g, weight: w, rows: rows, transposeWeight: true, into: &previous)
            if let projectionGradient {
                weights.addProducts(
                    projectionGradient, weight: adapterIndices[0], rows: rows, transposeWeight: true, into: &previous)
            }
            g = previous
        }
        return StackLinearization(
            trace: trace, losses: losses, gradients: gradients, sharedGradient: shared,
            preActivationGradients: preActivationGradients.reversed(), linearGradients: linearGradients.reversed()
        )
    }

    /// Each task's exact `∇²L_t · d_t` at a linearized stack, for directions `d_t` that are
    /// zero outside the `adapted` tensors: the adapted tensors' part per task (or, when
    /// `summed`, only its sum over the tasks, in `sum`) and, in `sum`, the other tensors'
    /// part summed over the tasks, embedding tables included.
    func stackedHessianVectorProducts(
        at point: StackLinearization, side: StackSide, weights: StackWeights, directions: [ParameterSet],
        adapted: Set<Int>, summed: Bool
    ) -> (perTask: [ParameterSet], sum: ParameterSet) {
        let (rows, objectives) = (side.rows, side.objectives)
        let trace = point.trace
        let film = self.film.map { (layer: $0.layer, scale: adapterIndices[0], shift: adapterIndices[1]) }
        let adaptsEncoder = encoderIndices.contains(where: adapted.contains)
        var inputTangents = [Matrix?]()
        var linearTangents = [Matrix?]()
        var rh: Matrix?
        if adaptsEncoder {
            var x = Matrix(rows: rows.totalRows, columns: inputWidth)
            for (task, batch) in side.batches.enumerated() {
                if let tangent = encodeTangent(batch, tangents: directions[task].tensors.map { $0 }) {
                    x.replaceRows(from: rows[task].lowerBound, with: tangent)
                }
            }
            rh = x
        }
        var outputTangent: Matrix?
        var projectionTangent: Matrix?
        let sharing = sharedColumns(side)
        for l in layers.indices {
            inputTangents.append(rh)
            let w = layerIndices[l]
            let input = trace.inputs[l]
            var rz: Matrix?
            if adapted.contains(w) {
                var value = Matrix(rows: input.rows, columns: layers[l].outputWidth)
                for task in 0..<rows.count {
                    value.addToEachRow(directions[task][w + 1], rows: rows[task])
                    value.addProduct(input, rows: rows[task], sharing: l == 0 ? sharing[task] : 0, directions[task][w])
                }
                rz = value
            }
            if let rh {
                var value = rz ?? Matrix(rows: input.rows, columns: layers[l].outputWidth)
                if l == 0 && !weights.varies(w) {
                    addFirstLayerProduct(
                        rh, side: side, tables: { directions[$1][$0] }, weight: weights.tensor(w, task: 0),
                        dense: false, into: &value)
                } else {
                    weights.addProducts(rh, weight: w, rows: rows, sharing: l == 0 ? sharing : nil, into: &value)
                }
                rz = value
            }
            guard l < hiddenWidths.count else {
                outputTangent = rz
                break
            }
            if let lowRank, lowRank.layer == l, let projection = trace.projection {
                let (a, b) = (adapterIndices[0], adapterIndices[1])
                var rp = Matrix(rows: input.rows, columns: lowRank.module.rank)
                if let rh { weights.addProducts(rh, weight: a, rows: rows, into: &rp) }
                Self.addDirectionProducts(input, directions: directions, index: a, rows: rows, into: &rp)
                var value = rz ?? Matrix(rows: input.rows, columns: layers[l].outputWidth)
                weights.addProducts(rp, weight: b, rows: rows, into: &value)
                Self.addDirectionProducts(projection, directions: directions, index: b, rows: rows, into: &value)
                (rz, projectionTangent) = (value, rp)
            }
            linearTangents.append(rz)
            if let film, film.layer == l {
                var value = Matrix(rows: input.rows, columns: layers[l].outputWidth)
                for task in 0..<rows.count {
                    if let rz {
                        value.addRows(
                            rz, rows: rows[task], scaledBy: FiLM.onePlus(weights.tensor(film.scale, task: task)))
                    }
                    value.addRows(trace.linear[l], rows: rows[task], scaledBy: directions[task][film.scale])
                    value.addToEachRow(directions[task][film.shift], rows: rows[task])
                }
                rz = value
            }
            rz?.zeroWhereNotPositive(trace.preActivations[l])
            rh = rz
        }
        var rg = Matrix(rows: trace.output.rows, columns: outputWidth)
        if let outputTangent {
            for (task, objective) in objectives.enumerated() {
                let tangent = objective.gradientTangent(
                    trace.output.rows(rows[task]), outputTangent: outputTangent.rows(rows[task]))!
                rg.replaceRows(from: rows[task].lowerBound, with: tangent)
            }
        }
        var perTask = summed ? [] : Array(repeating: zeros, count: rows.count)
        var sum = zeros
        func store(_ index: Int, task: Int, _ value: Matrix) {
            if summed || !adapted.contains(index) {
                sum.tensors[index].add(value)
            } else {
                perTask[task][index] = value
            }
        }
        for l in layers.indices.reversed() {
            let w = layerIndices[l]
            let input = trace.inputs[l]
            let gz = point.linearGradients[l]
            if l < hiddenWidths.count {
                rg.zeroWhereNotPositive(trace.preActivations[l])
                if let film, film.layer == l {
                    let gPre = point.preActivationGradients[l]
                    var scaleProducts = rg
                    scaleProducts.multiply(by: trace.linear[l])
                    if let linearTangent = linearTangents[l] {
                        scaleProducts.addProduct(elementwise: gPre, linearTangent)
                    }
                    for task in 0..<rows.count {
                        store(film.scale, task: task, scaleProducts.columnSums(rows: rows[task]))
                        store(film.shift, task: task, rg.columnSums(rows: rows[task]))
                        rg.multiplyEachRow(by: FiLM.onePlus(weights.tensor(film.scale, task: task)), rows: rows[task])
                        rg.addRows(gPre, rows: rows[task], scaledBy: directions[task][film.scale])
                    }
                }
            }
            if adapted.contains(w) && !summed {
                for task in 0..<rows.count {
                    let (block, shared) = (rows[task], l == 0 ? sharing[task] : 0)
                    let sums = rg.columnSums(rows: block)
                    var weightPart: Matrix
                    if let inputTangent = inputTangents[l] {
                        weightPart = Matrix.transposedProduct(
                            inputTangent, rows: block, sharing: shared, gz, sums: gz.columnSums(rows: block))
                        weightPart.addTransposedProduct(input, rows: block, sharing: shared, rg, sums: sums)
                    } else {
                        weightPart = Matrix.transposedProduct(input, rows: block, sharing: shared, rg, sums: sums)
                    }
                    perTask[task][w] = weightPart
                    perTask[task][w + 1] = sums
                }
            } else if l == 0 {
                if let inputTangent = inputTangents[l] {
                    addFirstLayerTransposedProduct(
                        inputTangent, side: side, tables: { directions[$1][$0] }, gradient: gz, dense: false,
                        into: &sum.tensors[w])
                }
                addFirstLayerTransposedProduct(
                    input, side: side, tables: weights.tensor, gradient: rg, dense: true, into: &sum.tensors[w])
                sum.tensors[w + 1].add(rg.columnSums)
            } else {
                if let inputTangent = inputTangents[l] { sum.tensors[w].addProduct(inputTangent, gz, transposeA: true) }
                sum.tensors[w].addProduct(input, rg, transposeA: true)
                sum.tensors[w + 1].add(rg.columnSums)
            }
            var adapterInputParts: (rgp: Matrix, gp: Matrix)?
            if let lowRank, lowRank.layer == l, let projection = trace.projection, let rp = projectionTangent {
                let (a, b) = (adapterIndices[0], adapterIndices[1])
                var gp = Matrix(rows: rg.rows, columns: lowRank.module.rank)
                weights.addProducts(gz, weight: b, rows: rows, transposeWeight: true, into: &gp)
                var rgp = Matrix(rows: rg.rows, columns: lowRank.module.rank)
                weights.addProducts(rg, weight: b, rows: rows, transposeWeight: true, into: &rgp)
                Self.addDirectionProducts(
                    gz, directions: directions, index: b, rows: rows, transposeB: true, into: &rgp)
                let inputTangent = inputTangents[l]
                for task in 0..<rows.count {
                    var down = Matrix.transposedProduct(input, rows: rows[task], rgp)
                    if let inputTangent { down.add(Matrix.transposedProduct(inputTangent, rows: rows[task], gp)) }
                    var up = Matrix.transposedProduct(rp, rows: rows[task], gz)
                    up.add(Matrix.transposedProduct(projection, rows: rows[task], rg))
                    store(a, task: task, down)
                    store(b, task: task, up)
                }
                adapterInputParts = (rgp, gp)
            }
            guard l > 0 else {
                guard !encoderIndices.isEmpty else { break }
                var terms = [FirstLayerTerm(rg, weights: weights, index: w, tasks: rows.count)]
                if let (rgp, gp) = adapterInputParts {
                    terms.append(FirstLayerTerm(rgp, weights: weights, index: adapterIndices[0], tasks: rows.count))
                    terms.append(FirstLayerTerm(gp, directions: directions, index: adapterIndices[0]))
                }
                if adapted.contains(w) { terms.append(FirstLayerTerm(gz, directions: directions, index: w)) }
                scatterThroughFirstLayer(
                    terms, side: side, separately: adaptsEncoder && !summed, perTask: &perTask, sum: &sum)
                break
            }
            var previous = Matrix(rows: rg.rows, columns: input.columns)
            weights.addProducts(rg, weight: w, rows: rows, transposeWeight: true, into: &previous)
            if let (rgp, gp) = adapterInputParts {
                weights.addProducts(rgp, weight: adapterIndices[0], rows: rows, transposeWeight: true, into: &previous)
                Self.addDirectionProducts(
                    gp, directions: directions, index: adapterIndices[0], rows: rows, transposeB: true, into: &previous)
            }
            if adapted.contains(w) {
                for task in 0..<rows.count {
                    let direction = directions[task][w]
                    previous.addProduct(
                        gz, rows: rows[task], direction, rows: 0..<direction.rows, transposeB: true,
                        intoRows: rows[task])
                }
            }
            rg = previous
        }
        return (perTask, sum)
    }

    // MARK: - Products per task

    /// Adds `h[rows t] · op(D_t)` into rows `rows t` of `output` for every task whose direction
    /// `D_t` (the tensor at `index` of its direction) is not zero.
    private static func addDirectionProducts(
        _ h: Matrix, directions: [ParameterSet], index: Int, rows: RowSegments, transposeB: Bool = false,
        into output: inout Matrix
    ) {
        for task in 0..<rows.count where !directions[task][index].isZero {
            let direction = directions[task][index]
            output.addProduct(
                h, rows: rows[task], direction, rows: 0..<direction.rows, transposeB: transposeB, intoRows: rows[task])
        }
    }
}
