/// Where a per-example adapter sits in a ``FeatureNetwork``.
public enum AdapterPlacement: Hashable, Sendable {
    /// FiLM scale-and-shift of hidden layer `layer`'s pre-activation.
    case film(layer: Int)
    /// A rank-`rank` update of hidden layer `layer`'s weight.
    case lowRank(layer: Int, rank: Int)
}

/// A feed-forward network on feature inputs: embedded categorical fields, mean-pooled
/// multi-valued fields and dense fields are concatenated, then pass through dense ReLU
/// layers and a linear output of width 1 (a rating, a logit or a score) or 2 (a rating and a
/// relevance logit).
///
/// The network is a description; its weights live in a ``ParameterSet`` laid out as:
/// one table per embedded field (in field order), `[W, b]` per hidden layer, `[W, b]` of
/// the output layer, then the adapter's tensors. The index lists below name these groups,
/// so meta-learners can choose which of them adapt per task.
public struct FeatureNetwork: Hashable, Sendable {
    /// The input fields, in batch column order.
    public let fields: [InputField]
    /// Widths of the hidden layers.
    public let hiddenWidths: [Int]
    /// The adapter, if any.
    public let adapter: AdapterPlacement?
    /// The number of outputs per row: 1, or 2 for a rating head and a relevance head.
    public let outputWidth: Int

    /// Tensor index of each field's table (`nil` for dense fields).
    public let tableIndices: [Int?]
    /// The hidden layers followed by the output layer.
    public let layers: [DenseLayer]
    /// Tensor index of each layer's weight; its bias follows it.
    public let layerIndices: [Int]
    /// Tensor indices of the adapter's parameters.
    public let adapterIndices: [Int]
    /// The number of tensors.
    public let tensorCount: Int
    /// Zeros in the parameters' shapes: gradients start from it, and its copy-on-write
    /// storage is shared until a tensor is written, so untouched tensors cost nothing.
    public let zeros: ParameterSet

    /// Creates a network description.
    public init(fields: [InputField], hiddenWidths: [Int], adapter: AdapterPlacement? = nil, outputWidth: Int = 1) {
        self.fields = fields
        self.hiddenWidths = hiddenWidths
        self.adapter = adapter
        self.outputWidth = outputWidth
        var next = 0
        tableIndices = fields.map { field in
            guard field.table != nil else { return nil }
            defer { next += 1 }
            return next
        }
        let inputWidth = fields.reduce(0) { $0 + $1.width }
        let widths = [inputWidth] + hiddenWidths + [outputWidth]
        layers = (0..<(widths.count - 1)).map { DenseLayer(inputWidth: widths[$0], outputWidth: widths[$0 + 1]) }
        layerIndices = layers.indices.map { next + 2 * $0 }
        next += 2 * layers.count
        switch adapter {
        case let .film(layer):
            precondition(hiddenWidths.indices.contains(layer), "FiLM needs a hidden layer \(layer)")
            adapterIndices = [next, next + 1]
        case let .lowRank(layer, rank):
            precondition(
                hiddenWidths.indices.contains(layer) && rank > 0,
                "low-rank adapter needs a hidden layer \(layer) and a positive rank")
            adapterIndices = [next, next + 1]
        case nil:
            adapterIndices = []
        }
        tensorCount = next + adapterIndices.count
        var shapes = fields.compactMap { $0.table.map { ($0.cardinality, $0.dimension) } }
        shapes += layers.flatMap { [($0.inputWidth, $0.outputWidth), (1, $0.outputWidth)] }
        switch adapter {
        case let .film(layer): shapes += [(1, hiddenWidths[layer]), (1, hiddenWidths[layer])]
        case let .lowRank(layer, rank): shapes += [(layers[layer].inputWidth, rank), (rank, layers[layer].outputWidth)]
        case nil: break
        }
        zeros = ParameterSet(shapes.map { Matrix(rows: $0.0, columns: $0.1) })
    }

    // MARK: - Layout

    /// The width of the concatenated input.
    public var inputWidth: Int { layers[0].inputWidth }

    /// Tensor indices of the embedding tables (the representation).
    public var encoderIndices: [Int] { tableIndices.compactMap { $0 } }

    /// Tensor indices of the dense layers, hidden and output (the decision layers).
    public var decisionIndices: [Int] { layerIndices.flatMap { [$0, $0 + 1] } }

    /// Tensor indices of the output layer, `[W, b]` (the head ANIL adapts).
    public var headIndices: [Int] { [layerIndices[layers.count - 1], layerIndices[layers.count - 1] + 1] }

    /// Every tensor index.
    public var allIndices: [Int] { Array(0..<tensorCount) }

    /// The FiLM layer, when the adapter is one.
    var film: (layer: Int, module: FiLM)? {
        guard case let .film(layer) = adapter else { return nil }
        return (layer, FiLM(width: hiddenWidths[layer]))
    }

    /// The low-rank adapter, when the adapter is one.
    var lowRank: (layer: Int, module: LowRankAdapter)? {
        guard case let .lowRank(layer, rank) = adapter else { return nil }
        let dense = layers[layer]
        return (layer, LowRankAdapter(inputWidth: dense.inputWidth, outputWidth: dense.outputWidth, rank: rank))
    }

    /// The number of scalars in the tensors at `indices`.
    public func scalarCount(of indices: [Int], in parameters: ParameterSet) -> Int {
        indices.reduce(0) { $0 + parameters[$1].count }
    }

    // MARK: - Initial values

    /// Fresh parameters: tables normal (deviation 0.1), dense layers PyTorch-style uniform,
    /// FiLM at the identity, low-rank `B` near zero. The first output's bias starts at
    /// `outputBias`.
    public func initialParameters<G: RandomNumberGenerator>(outputBias: Float = 0, using generator: inout G)
        -> ParameterSet
    {
        var tensors = [Matrix]()
        for field in fields {
            if let table = field.table { tensors.append(table.initialTable(using: &generator)) }
        }
        for layer in layers { tensors += layer.initialParameters(using: &generator) }
        tensors[tensors.count - 1].storage[0] = outputBias
        if let film { tensors += film.module.identityParameters }
        if let lowRank { tensors += lowRank.module.initialParameters(using: &generator) }
        return ParameterSet(tensors)
    }
}
