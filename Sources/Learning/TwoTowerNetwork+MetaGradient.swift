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
        let userPass = userTower.map { $0.pass(task.user, parameters: userParameters(parameters)) }
        let supportPass = adapts(task) ? itemTower.pass(task.support, parameters: itemParameters) : nil
        let queryPass = itemTower.pass(task.query, parameters: itemParameters)
        let terms = taskTerms(
            task, initialState: state(fromRow: userPass?.outputs ?? parameters[userIndex]),
            queryOutputs: queryPass.outputs, supportOutputs: supportPass?.outputs,
            stepRates: stepRates(parameters), order: order)
        var itemGradient = itemTower.pullback(
            queryPass, batch: task.query, parameters: itemParameters, outputGradient: terms.queryOutputGradient)
        if let supportPass, let supportGradient = terms.supportOutputGradient {
            itemGradient.add(
                itemTower.pullback(
                    supportPass, batch: task.support, parameters: itemParameters, outputGradient: supportGradient))
        }
        var tensors = itemGradient.tensors
        if let userTower, let userPass {
            tensors +=
                userTower.pullback(
                    userPass, batch: task.user, parameters: userParameters(parameters),
                    outputGradient: row(fromState: terms.stateGradient)
                ).tensors
        } else {
            tensors.append(row(fromState: terms.stateGradient))
        }
        tensors.append(terms.rateGradient)
        return (terms.queryLoss, ParameterSet(tensors))
    }

    /// Whether `task`'s state takes inner steps (a support set and at least one step).
    private func adapts(_ task: TwoTowerTask) -> Bool { task.support.rows > 0 && steps > 0 }

    /// Each inner step's rates, `1 × outputWidth`.
    private func stepRates(_ parameters: ParameterSet) -> [Matrix] {
        (0..<steps).map { rates(rates(parameters), step: $0) }
    }

    /// What one task's meta-gradient takes from the towers' outputs and gives back to them.
    private struct TaskTerms {
        /// The query loss after adaptation.
        var queryLoss: Double
        /// Its gradient with respect to the item tower's outputs on the query rows.
        var queryOutputGradient: Matrix
        /// Its gradient with respect to the item tower's outputs on the support rows
        /// (second order with inner steps; `nil` otherwise).
        var supportOutputGradient: Matrix?
        /// Its gradient with respect to the initial state.
        var stateGradient: Matrix
        /// Its gradient with respect to the inner rates.
        var rateGradient: Matrix
    }

    /// The inner loop of `task` from `initialState` on the item tower's outputs, and the
    /// query loss's gradients back to those outputs, the initial state and the rates:
    /// everything of ``metaGradient(_:task:order:)`` but the towers' passes.
    private func taskTerms(
        _ task: TwoTowerTask, initialState: Matrix, queryOutputs: Matrix, supportOutputs: Matrix?, stepRates: [Matrix],
        order: MetaGradientOrder
    ) -> TaskTerms {
        var states = [initialState]
        let support = supportOutputs.map { TowerOutputs($0, latentWidth: latentWidth, outputWidth: outputWidth) }
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

        let query = TowerOutputs(queryOutputs, latentWidth: latentWidth, outputWidth: outputWidth)
        let queryScores = scores(query, state: adapted)
        let queryGradient = task.queryObjective.gradient(queryScores)
        var terms = TaskTerms(
            queryLoss: task.queryObjective.value(queryScores),
            queryOutputGradient: query.outputGradient(
                augmented: Matrix.product(queryGradient, adapted, transposeB: true), bias: queryGradient),
            supportOutputGradient: nil, stateGradient: Matrix.product(query.augmented, queryGradient, transposeA: true),
            rateGradient: Matrix(rows: max(self.steps, 1), columns: outputWidth))
        guard let support else { return terms }
        var augmentedGradient = Matrix(rows: support.rows, columns: stateRows)
        var biasGradient = Matrix(rows: support.rows, columns: outputWidth)
        for k in steps.indices.reversed() {
            var product = steps[k].gradient
            product.multiply(by: terms.stateGradient)
            terms.rateGradient.storage.replaceSubrange(
                (k * outputWidth)..<((k + 1) * outputWidth), with: product.columnSums.storage.map { -$0 })
            guard order == .second else { continue }
            var w = terms.stateGradient
            masked(&w)
            w.multiplyEachRow(by: stepRates[k])
            let tangent = Matrix.product(support.augmented, w)
            let curvature = task.supportObjective.gradientTangent(steps[k].scores, outputTangent: tangent)!
            augmentedGradient.addProduct(steps[k].scoreGradient, w, transposeB: true, scale: -1)
            augmentedGradient.addProduct(curvature, states[k], transposeB: true, scale: -1)
            biasGradient.add(curvature, scaledBy: -1)
            terms.stateGradient.addProduct(support.augmented, curvature, transposeA: true, scale: -1)
        }
        if order == .second {
            terms.supportOutputGradient = support.outputGradient(augmented: augmentedGradient, bias: biasGradient)
        }
        return terms
    }

    /// The summed query losses and meta-gradients of ``metaGradient(_:task:order:)`` over
    /// `tasks`, up to the order of the sums, with each tower passed and pulled back once
    /// for all of them: the item tower over every task's query and support rows stacked,
    /// the user tower over every task's user row (``FeatureNetwork/stackedPass(_:parameters:input:)``,
    /// ``FeatureNetwork/stackedPullback(_:side:parameters:outputGradient:)``); only the
    /// small state computations run task by task.
    func stackedMetaGradientSum(_ parameters: ParameterSet, tasks: [TwoTowerTask], order: MetaGradientOrder) -> (
        queryLoss: Double, gradient: ParameterSet
    ) {
        let itemParameters = itemParameters(parameters)
        var batches = [FeatureBatch]()
        var objectives = [Objective]()
        var querySegments = [Int]()
        var supportSegments = [Int?]()
        for task in tasks {
            querySegments.append(batches.count)
            batches.append(task.query)
            objectives.append(task.queryObjective)
            supportSegments.append(adapts(task) ? batches.count : nil)
            if adapts(task) {
                batches.append(task.support)
                objectives.append(task.supportObjective)
            }
        }
        let itemSide = StackSide(batches: batches, objectives: objectives)
        let itemStack = itemTower.stackedPass(itemSide, parameters: itemParameters)
        let userSide = userTower.map { _ in
            StackSide(batches: tasks.map(\.user), objectives: tasks.map(\.queryObjective))
        }
        let userStack = userSide.map { userTower!.stackedPass($0, parameters: userParameters(parameters)) }
        let rates = stepRates(parameters)
        var itemOutputGradient = Matrix(rows: itemSide.rows.totalRows, columns: itemTower.outputWidth)
        var stateGradients = Matrix(rows: tasks.count, columns: stateRows)
        var rateGradient = Matrix(rows: max(steps, 1), columns: outputWidth)
        var loss = 0.0
        for (index, task) in tasks.enumerated() {
            let query = itemSide.rows[querySegments[index]]
            let support = supportSegments[index].map { itemSide.rows[$0] }
            let terms = taskTerms(
                task,
                initialState: state(fromRow: userStack?.output.rows(index..<(index + 1)) ?? parameters[userIndex]),
                queryOutputs: itemStack.output.rows(query), supportOutputs: support.map { itemStack.output.rows($0) },
                stepRates: rates, order: order)
            itemOutputGradient.replaceRows(from: query.lowerBound, with: terms.queryOutputGradient)
            if let support, let supportGradient = terms.supportOutputGradient {
                itemOutputGradient.replaceRows(from: support.lowerBound, with: supportGradient)
            }
            stateGradients.replaceRows(from: index, with: row(fromState: terms.stateGradient))
            rateGradient.add(terms.rateGradient)
            loss += terms.queryLoss
        }
        var tensors =
            itemTower.stackedPullback(
                itemStack, side: itemSide, parameters: itemParameters, outputGradient: itemOutputGradient
            ).tensors
        if let userTower, let userSide, let userStack {
            tensors +=
                userTower.stackedPullback(
                    userStack, side: userSide, parameters: userParameters(parameters), outputGradient: stateGradients
                ).tensors
        } else {
            tensors.append(stateGradients.columnSums)
        }
        tensors.append(rateGradient)
        return (loss, ParameterSet(tensors))
    }

    /// The mean query loss and mean meta-gradient over `tasks`: the tasks stacked by
    /// `InnerLoop.tasksPerStack` (`stackedMetaGradientSum(_:tasks:order:)`), the stacks
    /// computed on up to `workers` threads and summed in order (the same result for any
    /// thread count).
    public func metaGradient(_ parameters: ParameterSet, tasks: [TwoTowerTask], order: MetaGradientOrder, workers: Int)
        -> (queryLoss: Double, gradient: ParameterSet)
    {
        let results = TaskParallel.map(InnerLoop.stacks(of: tasks), workers: workers) {
            stackedMetaGradientSum(parameters, tasks: $0, order: order)
        }
        // The first stack's gradient starts the sum (adding it to zeros would only turn its
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
