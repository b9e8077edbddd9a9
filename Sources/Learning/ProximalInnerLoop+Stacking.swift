// MARK: - Stacked implicit meta-gradients

extension ProximalInnerLoop {
    /// The sums over the stacked tasks of what ``metaGradient(_:task:)`` returns per task
    /// (losses included; `adapted` is `parameters`), computed with the tasks' rows stacked
    /// (`InnerLoop.stacksTasks` must hold): every proximal step, the query gradient, the
    /// support loss at `parameters`, each conjugate-gradient iteration's Hessian-vector
    /// products and the shared tensors' last product are one stacked pass for all tasks.
    /// Each task keeps its own step size, accepted steps and conjugate-gradient iterate, so
    /// the sums are the task-by-task ones up to rounding.
    func stackedMetaGradientSum(_ parameters: ParameterSet, stack: TaskStack) -> MetaGradient {
        let adapted = base.adaptedIndices
        let adaptedSet = Set(adapted)
        let shared = Set(network.allIndices).subtracting(adapted).sorted()
        let withSupport = (0..<stack.count).filter { stack.support.batches[$0].rows > 0 }
        let phi = stackedAdapt(parameters, support: stack.support, tasks: withSupport)
        let phiWeights = StackWeights.perTask(phi, varying: adaptedSet)
        let query = network.stackedLinearize(
            network.stackedEncoding(stack.query, weights: phiWeights), side: stack.query, weights: phiWeights,
            adapted: adaptedSet, sharedGradient: true
        )
        var meta = query.sharedGradient
        var solutions = query.gradients
        var supportLoss = withSupport.count < stack.count ? Double.nan : 0
        if !withSupport.isEmpty {
            let start = StackWeights.shared(parameters)
            let output = network.stackedForward(
                network.stackedEncoding(stack.support, weights: start), rows: stack.support.rows, weights: start
            ).output
            for task in withSupport {
                supportLoss += stack.support.objectives[task].value(output.rows(stack.support.rows[task]))
            }
            let point = network.stackedLinearize(
                network.stackedEncoding(stack.support, weights: phiWeights), side: stack.support, weights: phiWeights,
                adapted: adaptedSet, sharedGradient: false
            )
            let hessian = { (directions: [ParameterSet], summed: Bool) in
                network.stackedHessianVectorProducts(
                    at: point, side: stack.support, weights: phiWeights, directions: directions, adapted: adaptedSet,
                    summed: summed)
            }
            let x = stackedConjugateGradient(rightHandSides: query.gradients, tasks: withSupport) {
                hessian($0, false).perTask
            }
            for task in withSupport { solutions[task] = x[task] }
            if !shared.isEmpty {
                let directions = (0..<stack.count).map { withSupport.contains($0) ? x[$0] : network.zeros }
                meta.add(hessian(directions, true).sum, scaledBy: -1 / lambda, only: shared)
            }
        }
        for solution in solutions { meta.add(solution, only: adapted) }
        return MetaGradient(
            queryLoss: query.losses.reduce(0, +), supportLoss: supportLoss, gradient: meta, rateGradient: nil,
            adapted: parameters)
    }

    /// What ``adapt(_:support:objective:)`` returns for each task of a stack's support side:
    /// the proximal steps of every task in `tasks` (those with support rows) taken together,
    /// one stacked gradient pass per step, each task accepting or rejecting its own step
    /// and halving its own step size. The other tasks keep `parameters`.
    func stackedAdapt(_ parameters: ParameterSet, support: StackSide, tasks: [Int]) -> [ParameterSet] {
        var phi = Array(repeating: parameters, count: support.rows.count)
        guard !tasks.isEmpty else { return phi }
        let adaptedSet = Set(base.adaptedIndices)
        let linearized = { (weights: StackWeights) in
            network.stackedLinearize(
                network.stackedEncoding(support, weights: weights), side: support, weights: weights,
                adapted: adaptedSet, sharedGradient: false)
        }
        let first = linearized(.shared(parameters))
        var (gradients, values) = (first.gradients, first.losses)
        var rates = Array(repeating: base.learningRate, count: phi.count)
        for _ in 0..<base.steps {
            var candidates = phi
            for task in tasks {
                step(&candidates[task], along: gradients[task], anchor: parameters, rate: rates[task])
            }
            let next = linearized(.perTask(candidates, varying: adaptedSet))
            for task in tasks {
                let nextValue = next.losses[task] + proximity(candidates[task], to: parameters)
                if nextValue.isFinite, nextValue <= values[task] + Self.tolerance * max(1, abs(values[task])) {
                    (phi[task], gradients[task], values[task]) = (candidates[task], next.gradients[task], nextValue)
                } else {
                    rates[task] /= 2
                }
            }
        }
        return phi
    }

    /// ``conjugateGradient(rightHandSide:hessian:)`` for each task in `tasks` at once, in
    /// lockstep: `hessian` applies every task's `H` to its direction in one stacked pass
    /// (a task that has stopped gets a zero direction, and its iterate no longer changes).
    /// The other tasks' solutions are zero.
    private func stackedConjugateGradient(
        rightHandSides b: [ParameterSet], tasks: [Int], hessian: ([ParameterSet]) -> [ParameterSet]
    ) -> [ParameterSet] {
        var x = b.map { ParameterSet(zerosLike: $0) }
        var residual = b
        var direction = b
        var residualNorm = b.map { $0.dot($0) }
        let tolerance = residualNorm.map { 1e-12 * $0 }
        var running = tasks
        for _ in 0..<cgSteps {
            running = running.filter { residualNorm[$0] > tolerance[$0] }
            guard !running.isEmpty else { break }
            let products = hessian(
                direction.indices.map { running.contains($0) ? direction[$0] : network.zeros })
            var stopped = Set<Int>()
            for task in running {
                var product = direction[task]
                product.add(products[task].keeping(only: base.adaptedIndices), scaledBy: 1 / lambda)
                let curvature = direction[task].dot(product)
                guard curvature > 0 else {
                    stopped.insert(task)
                    continue
                }
                let alpha = Float(residualNorm[task] / curvature)
                x[task].add(direction[task], scaledBy: alpha)
                residual[task].add(product, scaledBy: -alpha)
                let next = residual[task].dot(residual[task])
                direction[task].scale(by: Float(next / residualNorm[task]))
                direction[task].add(residual[task])
                residualNorm[task] = next
            }
            running.removeAll { stopped.contains($0) }
        }
        return x
    }
}
