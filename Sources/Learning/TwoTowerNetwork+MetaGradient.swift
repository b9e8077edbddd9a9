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
    /// the support objective at step `k`, `V = ∂L_query/∂U_{k+1}` and `W = M V D_k` (masked,
    /// each column scaled by its output's rate), one step back is `V ← V − Aᵀ H(A W)`, the
    /// support outputs receive `−(g Wᵀ + H(A W) U_kᵀ)` (representations) and `−H(A W)` (item
    /// biases), and output `c`'s rate `−⟨M ∇_U L_k, V⟩` over column `c`; `H·` is the objective's R-operator
    /// (``Objective/gradientTangent(_:outputTangent:)``), and the towers are pulled back once
    /// each (``FeatureNetwork/pullback(_:batch:parameters:outputGradient:)``).
    public func metaGradient(_ parameters: ParameterSet, task: TwoTowerTask, order: MetaGradientOrder) -> (
        queryLoss: Double, gradient: ParameterSet
    ) {
        let itemParameters = itemParameters(parameters)
        let stepRates = (0..<self.steps).map { rates(rates(parameters), step: $0) }
        let userPass = userTower.map { $0.pass(task.user, parameters: userParameters(parameters)) }
        var states = [state(fromRow: userPass?.outputs ?? parameters[userIndex])]
        let supportPass =
            task.support.rows > 0 && steps > 0 ? itemTower.pass(task.support, parameters: itemParameters) : nil
        let support = supportPass.map { TowerOutputs($0.outputs, latentWidth: latentWidth, outputWidth: outputWidth) }
        var steps = [(gradient: Matrix, scores: Matrix, scoreGradient: Matrix)]()
        if let support {
            for k in 0..<self.steps {
                let step = stateGradient(support, state: states[k], objective: task.supportObjective)
                var next = states[k]
                var scaled = step.gradient
                scaled.multiplyEachRow(by: stepRates[k])
                next.add(scaled, scaledBy: -1)
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
            outputGradient: query.outputGradient(
                augmented: Matrix.product(queryGradient, adapted, transposeB: true), bias: queryGradient)
        )
        var v = Matrix.product(query.augmented, queryGradient, transposeA: true)
        var rateGradient = Matrix(rows: max(self.steps, 1), columns: outputWidth)
        if let support, let supportPass {
            var augmentedGradient = Matrix(rows: support.rows, columns: stateRows)
            var biasGradient = Matrix(rows: support.rows, columns: outputWidth)
            for k in steps.indices.reversed() {
                var product = steps[k].gradient
                product.multiply(by: v)
                rateGradient.storage.replaceSubrange(
                    (k * outputWidth)..<((k + 1) * outputWidth), with: product.columnSums.storage.map { -$0 })
                guard order == .second else { continue }
                var w = v
                masked(&w)
                w.multiplyEachRow(by: stepRates[k])
                let tangent = Matrix.product(support.augmented, w)
                let curvature = task.supportObjective.gradientTangent(steps[k].scores, outputTangent: tangent)!
                augmentedGradient.addProduct(steps[k].scoreGradient, w, transposeB: true, scale: -1)
                augmentedGradient.addProduct(curvature, states[k], transposeB: true, scale: -1)
                biasGradient.add(curvature, scaledBy: -1)
                v.addProduct(support.augmented, curvature, transposeA: true, scale: -1)
            }
            if order == .second {
                itemGradient.add(
                    itemTower.pullback(
                        supportPass, batch: task.support, parameters: itemParameters,
                        outputGradient: support.outputGradient(augmented: augmentedGradient, bias: biasGradient)
                    ))
            }
        }
        var tensors = itemGradient.tensors
        if let userTower, let userPass {
            tensors +=
                userTower.pullback(
                    userPass, batch: task.user, parameters: userParameters(parameters),
                    outputGradient: row(fromState: v)
                ).tensors
        } else {
            tensors.append(row(fromState: v))
        }
        tensors.append(rateGradient)
        return (task.queryObjective.value(queryScores), ParameterSet(tensors))
    }

    /// The mean query loss and mean meta-gradient over `tasks`, computed on up to `workers`
    /// threads and summed in task order (the same result for any thread count).
    public func metaGradient(_ parameters: ParameterSet, tasks: [TwoTowerTask], order: MetaGradientOrder, workers: Int)
        -> (queryLoss: Double, gradient: ParameterSet)
    {
        let results = TaskParallel.map(tasks, workers: workers) { metaGradient(parameters, task: $0, order: order) }
        // The first task's gradient starts the sum (adding it to zeros would only turn its
        // negative zeros positive, which no later sum or Adam step can tell apart).
        var gradient = results.first?.gradient ?? zeros
        var loss = 0.0
        for (index, result) in results.enumerated() {
            if index > 0 { gradient.add(result.gradient) }
            loss += result.queryLoss
        }
        let scale = 1 / Float(max(tasks.count, 1))
        gradient.scale(by: scale)
        return (loss * Double(scale), gradient)
    }
}
