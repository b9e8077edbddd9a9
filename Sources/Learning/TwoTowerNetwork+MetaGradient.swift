// MARK: - Meta-gradients

extension TwoTowerNetwork {
    /// The query loss after adaptation and its gradient with respect to every parameter —
    /// item tower, user tower (or shared initial state) and inner rates — exact through the
    /// inner steps with `.second`, first-order with `.first` (the adapted state's dependence
    /// on the initial state taken as the identity, the support items' tower outputs as
    /// constants).
    ///
    /// Scores are bilinear in the item outputs `A` and the state `U`, so the second-order
    /// terms need no second derivatives of the towers: with `g = ∂L/∂s` and `H = ∂²L/∂s²` of
    /// the support objective at step `k`, and `V = ∂L_query/∂U_{k+1}` (masked: `MV`), one
    /// step back is `V ← V − α_k Aᵀ H (A MV)`, the support outputs receive
    /// `−α_k (g (MV)ᵀ + H(A MV) U_kᵀ)` (representations) and `−α_k H(A MV)` (item biases),
    /// and the rate `−⟨M ∇_U L_k, V⟩`; `H·` is the objective's R-operator
    /// (``Objective/gradientTangent(_:outputTangent:)``), and the towers are pulled back once
    /// each (``FeatureNetwork/pullback(_:batch:parameters:outputGradient:)``).
    public func metaGradient(_ parameters: ParameterSet, task: TwoTowerTask, order: MetaGradientOrder) -> (queryLoss: Double, gradient: ParameterSet) {
        let itemParameters = itemParameters(parameters)
        let rates = rates(parameters)
        let userPass = userTower.map { $0.pass(task.user, parameters: userParameters(parameters)) }
        var states = [state(fromRow: userPass?.outputs ?? parameters[userIndex])]
        let supportPass = task.support.rows > 0 && steps > 0 ? itemTower.pass(task.support, parameters: itemParameters) : nil
        let support = supportPass.map { TowerOutputs($0.outputs, latentWidth: latentWidth, outputWidth: outputWidth) }
        var steps = [(gradient: Matrix, scores: Matrix, scoreGradient: Matrix)]()
        if let support {
            for k in 0..<self.steps {
                let step = stateGradient(support, state: states[k], objective: task.supportObjective)
                var next = states[k]
                next.add(step.gradient, scaledBy: -rates[k])
                steps.append(step)
                states.append(next)
            }
        }
        let adapted = states[states.count - 1]

        let queryPass = itemTower.pass(task.query, parameters: itemParameters)
        let query = TowerOutputs(queryPass.outputs, latentWidth: latentWidth, outputWidth: outputWidth)
        let queryScores = scores(query, state: adapted)
        let queryGradient = task.queryObjective.gradient(queryScores)
        var itemGradient = itemTower.pullback(
            queryPass, batch: task.query, parameters: itemParameters,
            outputGradient: query.outputGradient(augmented: Matrix.product(queryGradient, adapted, transposeB: true), bias: queryGradient)
        )
        var v = Matrix.product(query.augmented, queryGradient, transposeA: true)
        var rateGradient = Matrix(rows: 1, columns: max(self.steps, 1))
        if let support, let supportPass {
            var augmentedGradient = Matrix(rows: support.rows, columns: stateRows)
            var biasGradient = Matrix(rows: support.rows, columns: outputWidth)
            for k in steps.indices.reversed() {
                rateGradient.storage[k] = -Float(steps[k].gradient.dot(v))
                guard order == .second else { continue }
                var mv = v
                masked(&mv)
                let tangent = Matrix.product(support.augmented, mv)
                let curvature = task.supportObjective.gradientTangent(steps[k].scores, outputTangent: tangent)!
                augmentedGradient.addProduct(steps[k].scoreGradient, mv, transposeB: true, scale: -rates[k])
                augmentedGradient.addProduct(curvature, states[k], transposeB: true, scale: -rates[k])
                biasGradient.add(curvature, scaledBy: -rates[k])
                v.addProduct(support.augmented, curvature, transposeA: true, scale: -rates[k])
            }
            if order == .second {
                itemGradient.add(itemTower.pullback(
                    supportPass, batch: task.support, parameters: itemParameters,
                    outputGradient: support.outputGradient(augmented: augmentedGradient, bias: biasGradient)
                ))
            }
        }
        var gradient = zeros
        for index in itemIndices { gradient[index] = itemGradient[index] }
        if let userTower, let userPass {
            let userGradient = userTower.pullback(userPass, batch: task.user, parameters: userParameters(parameters), outputGradient: row(fromState: v))
            for (offset, tensor) in userGradient.tensors.enumerated() { gradient[userIndex + offset] = tensor }
        } else {
            gradient[userIndex] = row(fromState: v)
        }
        gradient[rateIndex] = rateGradient
        return (task.queryObjective.value(queryScores), gradient)
    }

    /// The mean query loss and mean meta-gradient over `tasks`, computed on up to `workers`
    /// threads and summed in task order (the same result for any thread count).
    public func metaGradient(_ parameters: ParameterSet, tasks: [TwoTowerTask], order: MetaGradientOrder, workers: Int) -> (queryLoss: Double, gradient: ParameterSet) {
        let results = TaskParallel.map(tasks, workers: workers) { metaGradient(parameters, task: $0, order: order) }
        var gradient = zeros
        var loss = 0.0
        for result in results {
            gradient.add(result.gradient)
            loss += result.queryLoss
        }
        let scale = 1 / Float(max(tasks.count, 1))
        gradient.scale(by: scale)
        return (loss * Double(scale), gradient)
    }
}
