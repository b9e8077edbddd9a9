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
    /// The leading input columns every row shares, whose first-layer products the passes
    /// take once (``DenseLayer/forward(_:sharedColumns:weight:bias:)``); 0 for none.
    var sharedColumns = 0
    /// The end of the input columns behind which an embedding table stands
    /// (``FeatureNetwork/tableColumnsEnd``), when the passes from this trace skip the first
    /// layer's products for the dense columns after it (the input gradient nobody reads, the
    /// zero tangent); `nil` for none skipped.
    var activeColumns: Int?
}

// MARK: - Forward pass

extension FeatureNetwork {
    /// Rows of a batch passed through the layers above the first at once: few enough for
    /// each layer's activations to stay in the processor's cache, many enough for the
    /// products to run at full speed.
    static let rowBlock = 256

    /// The network's outputs, one per row. The first layer is computed field by field
    /// (`fieldwiseFirstLayer(_:parameters:)`): what every row shares (the user's own
    /// features when one user's candidates are scored) enters once, and small tables
    /// (an item's category) are projected once instead of once per row; a low-rank
    /// adapter of the first layer projects its input `x·A` field by field too. The layers
    /// above take the rows 256 at a time.
    ///
    /// Only the outputs are computed: each layer's activation is rectified in place and
    /// nothing is kept for a backward pass (the same values as `forwardTrace(_:parameters:)`,
    /// bit for bit, when the first layer is not computed field by field).
    ///
    /// `firstRows`, when given, is the batch's ``fieldwiseFirstLayerRows(_:parameters:)``,
    /// which a caller may keep for batches whose varying fields, first layer's weights and
    /// tables do not change (a catalogue's items under a per-user adapter): the outputs are
    /// the same bit for bit.
    public func outputs(_ batch: FeatureBatch, parameters: ParameterSet, firstRows given: Matrix? = nil) -> [Float] {
        let rectifies = adapter == nil && !hiddenWidths.isEmpty
        let blocks = firstLayerBlocks(batch, parameters: parameters, firstRows: given, rectifies: rectifies) {
            z, projection in
            guard adapter != nil else {
                return linearOutput(of: layers.count - 1, fromActivation: z, parameters: parameters).storage
            }
            return adaptedOutputs(input: nil, firstLinear: z, firstProjection: projection, parameters: parameters)
        }
        if let blocks { return blocks }
        precondition(given == nil, "first-layer rows given for a batch not computed field by field")
        let x = encode(batch, parameters: parameters)
        let w = layerIndices[0]
        let first = layers[0].forward(x, weight: parameters[w], bias: parameters[w + 1])
        guard adapter != nil else {
            return linearOutput(
                of: layers.count - 1, fromActivation: rectifies ? first.rectified : first, parameters: parameters
            ).storage
        }
        return adaptedOutputs(input: x, firstLinear: first, firstProjection: nil, parameters: parameters)
    }

    /// `body` of each block of at most ``rowBlock`` rows of the first layer's dense output
    /// (`x·W + b`, field by field; its rows part `firstRows` when given), rectified in the
    /// same pass when `rectifies`, and of a low-rank adapter's first-layer projection `x·A`
    /// when there is one, concatenated; `nil` when the first layer is not computed field by
    /// field.
    private func firstLayerBlocks(
        _ batch: FeatureBatch, parameters: ParameterSet, firstRows given: Matrix?, rectifies: Bool = false,
        _ body: (_ firstLinear: Matrix, _ projection: Matrix?) -> [Float]
    ) -> [Float]? {
        let w = layerIndices[0]
        var weights = [(weight: parameters[w], bias: parameters[w + 1])]
        if let lowRank, lowRank.layer == 0 {
            weights.append((parameters[adapterIndices[0]], Matrix(rows: 1, columns: lowRank.module.rank)))
        }
        let computesRows = [given == nil] + Array(repeating: true, count: weights.count - 1)
        guard
            let products = fieldwiseProducts(
                batch, weights: weights, parameters: parameters, computesRows: computesRows)
        else { return nil }
        let firstRows = given ?? products[0].rows!
        precondition(
            firstRows.rows == batch.rows, "first-layer rows for \(firstRows.rows) rows, batch of \(batch.rows)")
        var outputs = [Float]()
        outputs.reserveCapacity(batch.rows * outputWidth)
        for start in stride(from: 0, to: batch.rows, by: Self.rowBlock) {
            let block = start..<min(start + Self.rowBlock, batch.rows)
            let z = firstRows.rows(block, plus: products[0].shared, rectifying: rectifies)
            let projection = products.count > 1 ? products[1].rows!.rows(block, plus: products[1].shared) : nil
            outputs += body(z, projection)
        }
        return outputs
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
            let w = layerIndices[l]
            if l > 0 && lowRank?.layer != l && film?.layer != l {
                h = layers[l].rectifiedForward(h!, weight: parameters[w], bias: parameters[w + 1])
                continue
            }
            if l > 0 {
                z = layers[l].forward(h!, weight: parameters[w], bias: parameters[w + 1])
            }
            if let lowRank, lowRank.layer == l {
                let (down, up) = (parameters[adapterIndices[0]], parameters[adapterIndices[1]])
                z.addProduct(firstProjection.flatMap { l == 0 ? $0 : nil } ?? Matrix.product(h!, down), up)
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
    /// computed as ``outputs(_:parameters:firstRows:)`` computes them: the first layer field
    /// by field, the layers above a block of rows at a time, nothing kept for a backward
    /// pass (networks without an adapter). `firstRows`, when given, is the batch's
    /// ``fieldwiseFirstLayerRows(_:parameters:)`` under the same first layer and tables,
    /// kept by the caller (a catalogue's items, whose rows every user shares): the same
    /// features bit for bit.
    public func features(_ batch: FeatureBatch, parameters: ParameterSet, firstRows given: Matrix? = nil) -> Matrix {
        precondition(adapter == nil, "a representation is taken from a network without an adapter")
        guard !hiddenWidths.isEmpty else { return encode(batch, parameters: parameters) }
        let last = hiddenWidths.count - 1
        let activations = { (first: Matrix) -> [Float] in
            guard last > 0 else { return first.storage }
            var h = self.linearOutput(of: last, fromActivation: first, parameters: parameters)
            h.rectify()
            return h.storage
        }
        let blocks = firstLayerBlocks(batch, parameters: parameters, firstRows: given, rectifies: true) { h, _ in
            activations(h)
        }
        let storage =
            blocks
            ?? activations(
                layers[0].forward(
                    encode(batch, parameters: parameters), weight: parameters[layerIndices[0]],
                    bias: parameters[layerIndices[0] + 1]
                ).rectified)
        return Matrix(rows: batch.rows, columns: hiddenWidths[last], storage: storage)
    }

    /// Layer `last`'s dense output `h·W + b` (no adapter) from the first layer's activation
    /// (rectified, or its dense output when `last` is 0 and there is no hidden layer), each
    /// layer's output between rectified in place.
    private func linearOutput(of last: Int, fromActivation first: Matrix, parameters: ParameterSet) -> Matrix {
        var h = first
        for l in layers.indices.dropFirst().prefix(last) {
            let (weight, bias) = (parameters[layerIndices[l]], parameters[layerIndices[l] + 1])
            h =
                l < last
                ? layers[l].rectifiedForward(h, weight: weight, bias: bias)
                : layers[l].forward(h, weight: weight, bias: bias)
        }
        return h
    }

    /// The objective's value at the network's outputs.
    public func loss(_ batch: FeatureBatch, objective: Objective, parameters: ParameterSet) -> Double {
        objective.value(forwardTrace(batch, parameters: parameters).output)
    }

    /// The forward pass kept for the backward pass and the R-operator; when
    /// `sharingLeadingColumns`, the first layer's products with the leading fields every row
    /// shares are taken once, there and in the passes from this trace
    /// (``sharedLeadingColumns(_:)``; the same up to rounding), and the passes from this
    /// trace skip the first layer's products for the dense columns after the last table
    /// (``ForwardTrace/activeColumns``).
    func forwardTrace(_ batch: FeatureBatch, parameters: ParameterSet, sharingLeadingColumns: Bool = false)
        -> ForwardTrace
    {
        var trace = forwardTrace(
            input: encode(batch, parameters: parameters), parameters: parameters,
            sharedColumns: sharingLeadingColumns ? sharedLeadingColumns(batch) : 0)
        if sharingLeadingColumns { trace.activeColumns = tableColumnsEnd }
        return trace
    }

    /// The forward pass from the encoded input `x`, whose first `sharedColumns` columns every row shares.
    private func forwardTrace(input: Matrix, parameters: ParameterSet, sharedColumns: Int) -> ForwardTrace {
        let w = layerIndices[0]
        let first = layers[0].forward(
            input, sharedColumns: sharedColumns, weight: parameters[w], bias: parameters[w + 1])
        var trace = forwardTrace(input: input, firstLinear: first, parameters: parameters)
        trace.sharedColumns = sharedColumns
        return trace
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
