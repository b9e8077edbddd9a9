/// Which meta-gradient to compute through an inner loop.
public enum MetaGradientOrder: Hashable, Sendable {
    /// The exact gradient through every inner step (MAML).
    case second
    /// The first-order approximation that treats the adapted weights' dependence on the
    /// initialization as the identity (FOMAML).
    case first
}

/// The per-task adaptation of gradient-based meta-learning: `steps` gradient steps on the
/// support loss, changing only the tensors at `adaptedIndices`,
/// `θₖ₊₁ = θₖ − α ⊙ ∇_φ L_support(θₖ)`, with `α` one rate or one rate per scalar
/// (Meta-SGD).
public struct InnerLoop: Sendable {
    /// The network being adapted.
    public let network: FeatureNetwork
    /// Tensor indices that adapt per task; the others are shared and only meta-learned.
    public let adaptedIndices: [Int]
    /// Number of gradient steps.
    public let steps: Int
    /// The scalar inner learning rate, used when no per-parameter rates are given.
    public let learningRate: Float
    /// Whether ``adapt(_:support:objective:rates:)`` takes each step's gradient through the
    /// first layer's codes (``FeatureNetwork/weightedGradient(_:objectives:weights:parameters:)``:
    /// what the support rows share entered once, no input gradient over every row and
    /// column), equal up to the order of the sums; networks without an adapter only. The
    /// fine-tuned network opts in.
    public var stepsThroughCodes = false

    /// Creates an inner loop.
    public init(network: FeatureNetwork, adaptedIndices: [Int], steps: Int, learningRate: Float) {
        self.network = network
        self.adaptedIndices = adaptedIndices
        self.steps = steps
        self.learningRate = learningRate
    }

    /// The number of scalars the loop adapts in `parameters`.
    public func adaptedScalarCount(in parameters: ParameterSet) -> Int {
        network.scalarCount(of: adaptedIndices, in: parameters)
    }

    private var adaptsEncoder: Bool { adaptedIndices.contains { network.encoderIndices.contains($0) } }

    /// Whether neither the embedding tables nor the first layer adapt, so that a support
    /// batch's encoding and first-layer output `x·W + b` stay the same through the steps.
    var firstLayerInvariant: Bool {
        let w = network.layerIndices[0]
        return !adaptsEncoder && !adaptedIndices.contains(w) && !adaptedIndices.contains(w + 1)
    }

    // MARK: - Adaptation

    /// The parameters after the inner loop on `support`; `rates`, when given, are Meta-SGD's
    /// per-scalar learning rates (shaped like `parameters`).
    ///
    /// Each step computes only the adapted tensors' gradients; when neither the embedding
    /// tables nor the first layer adapt (an adapter's or a head's scope), the support's
    /// encoding `x` and the first layer's `x·W + b` are taken once for all the steps.
    public func adapt(
        _ parameters: ParameterSet, support: FeatureBatch, objective: Objective, rates: ParameterSet? = nil
    ) -> ParameterSet {
        var theta = parameters
        guard support.rows > 0 else { return theta }
        if stepsThroughCodes && network.adapter == nil {
            let side = StackSide(batches: [support], objectives: [objective])
            let input = network.stackedPassInput(side)
            for _ in 0..<steps {
                let g = network.weightedGradient(side, weights: [1], parameters: theta, input: input)
                step(&theta, along: g, rates: rates)
            }
            return theta
        }
        let adapted = Set(adaptedIndices)
        var first: (input: Matrix, linear: Matrix)?
        if firstLayerInvariant {
            let x = network.encode(support, parameters: theta)
            let w = network.layerIndices[0]
            first = (x, network.layers[0].forward(x, weight: theta[w], bias: theta[w + 1]))
        }
        for _ in 0..<steps {
            let trace =
                first.map { network.forwardTrace(input: $0.input, firstLinear: $0.linear, parameters: theta) }
                ?? network.forwardTrace(support, parameters: theta)
            let point = network.linearize(
                trace, batch: support, objective: objective, parameters: theta, includeEncoder: adaptsEncoder,
                only: adapted)
            step(&theta, along: point.derivatives.gradient, rates: rates)
        }
        return theta
    }

    /// `α ⊙ tensor` for the adapted tensor at `index`: Meta-SGD's rates when given, the
    /// scalar rate otherwise (the inner step's direction, as the adjoint sees it).
    func scaledByRate(_ tensor: Matrix, at index: Int, rates: ParameterSet?) -> Matrix {
        rates.map { tensor.multiplied(by: $0[index]) } ?? tensor.scaled(by: learningRate)
    }

    /// One inner step of the adapted tensors, each written in one pass as a new tensor
    /// (`θ − α g` is `θ + (−α) g` bit for bit): the tensors start shared with the
    /// initialization, so an update in place would first copy them.
    func step(_ theta: inout ParameterSet, along gradient: ParameterSet, rates: ParameterSet?) {
        for index in adaptedIndices {
            if let rates {
                theta[index] = theta[index].subtracting(gradient[index], weightedBy: rates[index])
            } else {
                theta[index] = theta[index].subtracting(gradient[index], scaledBy: learningRate)
            }
        }
    }

    // MARK: - Meta-gradient

    /// The query loss after adaptation and its gradient with respect to the initial
    /// parameters (and to the rates, when given).
    ///
    /// Second order, the adjoint `v` of the adapted tensors runs back through the steps as
    /// `v ← v − H_φφ (α ⊙ v)` while the shared tensors collect `−H_ψφ (α ⊙ v)`; both come from
    /// one exact Hessian-vector product of the support loss at `θₖ` per step, reusing the
    /// forward and backward passes of the inner step taken there. The rates'
    /// gradient is `−Σₖ ∇_φ L_support(θₖ) ⊙ vₖ₊₁`.
    public func metaGradient(
        _ parameters: ParameterSet, task: MetaTask, order: MetaGradientOrder, rates: ParameterSet? = nil
    ) -> MetaGradient {
        var thetas = [parameters]
        var points = [Linearization]()
        var supportLoss = Double.nan
        if task.support.rows > 0 {
            for _ in 0..<steps {
                let point = network.linearize(
                    task.support, objective: task.supportObjective, parameters: thetas[thetas.count - 1],
                    includeEncoder: adaptsEncoder)
                if points.isEmpty { supportLoss = point.derivatives.loss }
                var next = thetas[thetas.count - 1]
                step(&next, along: point.derivatives.gradient, rates: rates)
                points.append(point)
                thetas.append(next)
            }
        }
        let (queryLoss, queryGradient) = queryDerivatives(task, at: thetas[thetas.count - 1])
        var meta = queryGradient
        var v = adaptedIndices.map { meta[$0] }
        let sharedIndices = Set(0..<parameters.count).subtracting(adaptedIndices).sorted()
        var rateGradient = rates.map { ParameterSet(zerosLike: $0) }
        for k in points.indices.reversed() {
            if rateGradient != nil {
                for (position, index) in adaptedIndices.enumerated() {
                    rateGradient!.tensors[index].addProduct(
                        elementwise: points[k].derivatives.gradient[index], v[position])
                }
            }
            guard order == .second else { continue }
            var direction = network.zeros
            for (position, index) in adaptedIndices.enumerated() {
                direction[index] = scaledByRate(v[position], at: index, rates: rates)
            }
            let hvp = network.hessianVectorProduct(
                at: points[k], batch: task.support, objective: task.supportObjective, parameters: thetas[k],
                direction: direction
            )
            for (position, index) in adaptedIndices.enumerated() { v[position].add(hvp[index], scaledBy: -1) }
            for index in sharedIndices { meta.tensors[index].add(hvp[index], scaledBy: -1) }
        }
        for (position, index) in adaptedIndices.enumerated() { meta[index] = v[position] }
        rateGradient?.scale(by: -1)
        return MetaGradient(
            queryLoss: queryLoss, supportLoss: supportLoss, gradient: meta, rateGradient: rateGradient,
            adapted: thetas[thetas.count - 1])
    }

    /// The query loss and gradient, returned so that the gradient's storage is not shared
    /// and the meta-gradient can be accumulated into it in place.
    private func queryDerivatives(_ task: MetaTask, at theta: ParameterSet) -> (Double, ParameterSet) {
        let query = network.gradient(task.query, objective: task.queryObjective, parameters: theta)
        return (query.loss, query.gradient)
    }
}

/// What ``InnerLoop/metaGradient(_:task:order:rates:)`` returns for one task.
public struct MetaGradient: Sendable {
    /// The query loss after adaptation.
    public var queryLoss: Double
    /// The support loss before adaptation (`nan` without support or steps).
    public var supportLoss: Double
    /// The gradient of the query loss with respect to the initial parameters.
    public var gradient: ParameterSet
    /// The gradient with respect to Meta-SGD's rates, when rates were given.
    public var rateGradient: ParameterSet?
    /// The adapted parameters.
    public var adapted: ParameterSet
}
