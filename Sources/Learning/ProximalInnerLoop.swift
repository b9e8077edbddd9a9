/// The inner problem of implicit MAML (Rajeswaran, Finn, Kakade & Levine, "Meta-Learning
/// with Implicit Gradients", NeurIPS 2019): the adapted tensors minimize the support loss
/// plus a proximal term that keeps them near the meta-parameters,
/// `φ* = argmin_φ L_support(φ) + λ/2 ‖φ − θ‖²`, solved approximately by `steps` gradient
/// steps of size `learningRate` from `φ = θ`.
///
/// The meta-gradient does not run back through those steps: at the proximal solution,
/// `dφ*/dθ = (I + H/λ)⁻¹` with `H = ∇²_φ L_support(φ*)`, so the gradient of the query loss
/// with respect to the adapted tensors is `(I + H/λ)⁻¹ ∇_φ L_query(φ*)`, solved by
/// ``cgSteps`` conjugate-gradient iterations on exact Hessian-vector products. Memory is
/// that of one forward and backward pass, whatever the number of inner steps.
///
/// When only some tensors adapt (the rest, `ψ`, shared), the shared tensors' gradient is
/// `∇_ψ L_query − H_ψφ x / λ`, where `x` is the conjugate-gradient solution: one more
/// Hessian-vector product.
public struct ProximalInnerLoop: Sendable {
    /// The network, the adapted tensors, the number of steps and their size.
    public let base: InnerLoop
    /// The proximal strength `λ > 0`.
    public let lambda: Float
    /// Conjugate-gradient iterations for the implicit meta-gradient.
    public let cgSteps: Int

    /// Creates the loop; `lambda` must be positive and `cgSteps` at least 1.
    public init(base: InnerLoop, lambda: Float, cgSteps: Int) {
        precondition(lambda > 0 && cgSteps >= 1, "iMAML needs λ > 0 and at least one conjugate-gradient step")
        self.base = base
        self.lambda = lambda
        self.cgSteps = cgSteps
    }

    /// The relative rise of the proximal objective a step may cause and still be taken.
    static let tolerance = 1e-5

    private var network: FeatureNetwork { base.network }
    private var adaptsEncoder: Bool { base.adaptedIndices.contains { network.encoderIndices.contains($0) } }

    // MARK: - Adaptation

    /// The approximate proximal solution: ``InnerLoop/steps`` gradient steps on
    /// `F(φ) = L_support(φ) + λ/2 ‖φ − θ‖²` from `φ = θ`, changing only the adapted tensors.
    /// A step that would raise `F` (beyond `tolerance`, relative: the rounding of a loss
    /// summed from `Float` outputs) or make it non-finite is not taken and the step size
    /// halves: a meta-learned `θ` can sit where the support loss is sharper than the initial
    /// step size allows, and plain steps would diverge there.
    public func adapt(_ parameters: ParameterSet, support: FeatureBatch, objective: Objective) -> ParameterSet {
        solve(parameters, support: support, objective: objective, keepingPoint: false).phi
    }

    /// The proximal solution `phi`, the support loss at `θ`, and (when `keepingPoint`) the
    /// support loss linearized at `phi`, for the meta-gradient's Hessian-vector products.
    ///
    /// A candidate step is judged on its forward pass alone; the backward pass runs only
    /// for a step taken, and only when a further step or the caller needs its gradient, so
    /// a rejected step or the last one costs no backward pass. What is computed is what
    /// computing every candidate's gradient computes, bit for bit, except that the first
    /// layer's products with the leading fields every support row shares (the user's own
    /// features) are taken once per pass, not once per row (the same up to rounding; so are
    /// the query gradient's and the Hessian-vector products from these passes).
    func solve(_ parameters: ParameterSet, support: FeatureBatch, objective: Objective, keepingPoint: Bool)
        -> ProximalSolution
    {
        guard support.rows > 0 else { return ProximalSolution(phi: parameters, initialLoss: .nan, point: nil) }
        let encoder = adaptsEncoder
        var phi = parameters
        var rate = base.learningRate
        let start = network.linearize(
            network.forwardTrace(support, parameters: phi, sharingLeadingColumns: true), batch: support,
            objective: objective, parameters: phi, includeEncoder: encoder)
        var point: Linearization? = start
        var trace = start.trace
        let initialLoss = start.derivatives.loss
        var value = initialLoss
        for _ in 0..<base.steps {
            let current =
                point
                ?? network.linearize(
                    trace, batch: support, objective: objective, parameters: phi, includeEncoder: encoder)
            point = current
            let (candidate, proximity) = step(
                phi, along: current.derivatives.gradient, anchor: parameters, rate: rate)
            let next = network.forwardTrace(support, parameters: candidate, sharingLeadingColumns: true)
            let nextValue = objective.value(next.output) + proximity
            if nextValue.isFinite, nextValue <= value + Self.tolerance * max(1, abs(value)) {
                (phi, trace, value, point) = (candidate, next, nextValue, nil)
            } else {
                rate /= 2
            }
        }
        if keepingPoint, point == nil {
            point = network.linearize(
                trace, batch: support, objective: objective, parameters: phi, includeEncoder: encoder)
        }
        return ProximalSolution(phi: phi, initialLoss: initialLoss, point: keepingPoint ? point : nil)
    }

    /// `φ − α (∇L + λ (φ − θ))` on the adapted tensors, and its proximal term
    /// `λ/2 ‖φ' − θ‖²` over them, in one pass per tensor.
    private func step(_ phi: ParameterSet, along gradient: ParameterSet, anchor: ParameterSet, rate: Float)
        -> (ParameterSet, proximity: Double)
    {
        var result = phi
        var total = 0.0
        for index in base.adaptedIndices {
            let (step, distance) = phi[index].proximalStep(
                along: gradient[index], anchor: anchor[index], lambda: lambda, rate: rate)
            result[index] = step
            total += distance
        }
        return (result, Double(lambda) / 2 * total)
    }

    // MARK: - Implicit meta-gradient

    /// The query loss at the proximal solution and its implicit gradient with respect to
    /// the meta-parameters (see the type's summary).
    public func metaGradient(_ parameters: ParameterSet, task: MetaTask) -> MetaGradient {
        let adapted = base.adaptedIndices
        let solution = solve(parameters, support: task.support, objective: task.supportObjective, keepingPoint: true)
        let phi = solution.phi
        let query = network.linearize(
            network.forwardTrace(task.query, parameters: phi, sharingLeadingColumns: true), batch: task.query,
            objective: task.queryObjective, parameters: phi, includeEncoder: true
        ).derivatives
        var meta = query.gradient
        guard let point = solution.point else {
            return MetaGradient(
                queryLoss: query.loss, supportLoss: .nan, gradient: meta, rateGradient: nil, adapted: phi)
        }
        let hessian: (ParameterSet, Bool) -> ParameterSet = { direction, encoder in
            network.hessianVectorProduct(
                at: point, batch: task.support, objective: task.supportObjective, parameters: phi, direction: direction,
                includeEncoder: encoder
            )
        }
        let shared = Set(network.allIndices).subtracting(adapted).sorted()
        let rightHandSide = shared.isEmpty ? query.gradient : query.gradient.keeping(only: adapted)
        let x = conjugateGradient(rightHandSide: rightHandSide) { hessian($0, adaptsEncoder) }
        if !shared.isEmpty {
            let product = hessian(x, true)
            meta.add(product, scaledBy: -1 / lambda, only: shared)
        }
        for index in adapted { meta[index] = x[index] }
        return MetaGradient(
            queryLoss: query.loss, supportLoss: solution.initialLoss, gradient: meta, rateGradient: nil, adapted: phi)
    }

    /// The mean implicit meta-gradient over a meta-batch, tasks spread over `workers`
    /// threads and summed in task order (the result does not depend on `workers`).
    public func metaGradient(_ parameters: ParameterSet, tasks: [MetaTask], workers: Int = 1) -> MetaGradient {
        precondition(!tasks.isEmpty, "a meta-batch needs at least one task")
        let results = TaskParallel.map(tasks, workers: workers) { metaGradient(parameters, task: $0) }
        return MetaGradient.mean(of: results, at: parameters)
    }

    /// At most ``cgSteps`` conjugate-gradient iterations for `(I + H/λ) x = b`, from
    /// `x = 0`, where `hessian` applies `H`; stops early at a residual below `10⁻⁶ ‖b‖`
    /// or where the curvature along the search direction is not positive (`H` of a
    /// non-convex loss may be indefinite; the iterate so far is kept, as in the paper).
    func conjugateGradient(rightHandSide b: ParameterSet, hessian: (ParameterSet) -> ParameterSet) -> ParameterSet {
        let adapted = Set(base.adaptedIndices)
        var x = ParameterSet(zerosLike: b)
        var residual = b
        var direction = b
        var residualNorm = residual.dot(residual)
        let tolerance = 1e-12 * residualNorm
        for iteration in 0..<cgSteps where residualNorm > tolerance {
            // `(I + H/λ) d` is formed entry by entry inside the passes that read it, never stored.
            let hv = hessian(direction)
            var curvature = 0.0
            for index in direction.tensors.indices {
                curvature +=
                    adapted.contains(index)
                    ? direction[index].dotWithSum(hv[index], scaledBy: 1 / lambda)
                    : direction[index].dot(direction[index])
            }
            guard curvature > 0 else { break }
            let alpha = Float(residualNorm / curvature)
            x.add(direction, scaledBy: alpha)
            // The last iteration's residual and search direction would not be read.
            if iteration == cgSteps - 1 { break }
            var next = 0.0
            for index in residual.tensors.indices {
                if adapted.contains(index) {
                    next += residual.tensors[index].addReturningSquaredNorm(
                        direction[index], plus: hv[index], scaledBy: 1 / lambda, step: -alpha)
                } else {
                    residual.tensors[index].add(direction[index], scaledBy: -alpha)
                    next += residual[index].dot(residual[index])
                }
            }
            let beta = Float(next / residualNorm)
            for index in direction.tensors.indices { direction.tensors[index].scale(by: beta, adding: residual[index]) }
            residualNorm = next
        }
        return x
    }
}
