// MARK: - Stacked meta-gradients

extension InnerLoop {
    /// Whether ``stackedMetaGradientSum(_:stack:order:rates:)`` computes this loop's
    /// meta-gradients: a network without adapter whose decision layers (MeLU's split) or
    /// whose every tensor (MAML as published) adapt, or a network whose FiLM or low-rank
    /// adapter alone adapts.
    var stacksTasks: Bool {
        switch network.adapter {
        case nil:
            return Set(adaptedIndices) == Set(network.decisionIndices) || Set(adaptedIndices) == Set(network.allIndices)
        case .film?, .lowRank?: return Set(adaptedIndices) == Set(network.adapterIndices)
        }
    }

    /// The sums over the stacked tasks of what ``metaGradient(_:task:order:rates:)`` returns
    /// per task (losses included; `adapted` is `parameters`), computed with the tasks'
    /// rows stacked: the encodings once, and every product with weights all tasks share
    /// (the initial weights, and the layers that do not adapt at every step) as one product
    /// over the stack. Sums that need no per-task part (the shared tensors' gradient, the
    /// last Hessian-vector product's adapted part) are one product over the stack too. When
    /// neither the tables nor the first layer adapt, the support's encoding and first-layer
    /// output are taken once for all the steps.
    func stackedMetaGradientSum(
        _ parameters: ParameterSet, stack: TaskStack, order: MetaGradientOrder, rates: ParameterSet?
    ) -> MetaGradient {
        let adapted = Set(adaptedIndices)
        let sharedIndices = network.allIndices.filter { !adapted.contains($0) }
        var thetas = [StackWeights.shared(parameters)]
        var points = [StackLinearization]()
        var current = Array(repeating: parameters, count: stack.count)
        var first: (input: Matrix, linear: Matrix)?
        if stack.support.rows.totalRows > 0 {
            for _ in 0..<steps {
                let weights = thetas[thetas.count - 1]
                let x = first?.input ?? network.stackedEncoding(stack.support, weights: weights)
                let linear = first?.linear ?? network.stackedFirstLinear(x, side: stack.support, weights: weights)
                if firstLayerInvariant { first = (x, linear) }
                let point = network.stackedLinearize(
                    x, firstLinear: linear, side: stack.support, weights: weights, adapted: adapted,
                    sharedGradient: false)
                for task in 0..<stack.count { step(&current[task], along: point.gradients[task], rates: rates) }
                points.append(point)
                thetas.append(.perTask(current, varying: adapted))
            }
        }
        let adaptedWeights = thetas[thetas.count - 1]
        let query = network.stackedLinearize(
            network.stackedEncoding(stack.query, weights: adaptedWeights), side: stack.query, weights: adaptedWeights,
            adapted: adapted, sharedGradient: true
        )
        var meta = query.sharedGradient
        var v = query.gradients
        var rateGradient = rates.map { ParameterSet(zerosLike: $0) }
        var lastProduct: ParameterSet?
        let productScale = rates == nil ? learningRate : 1
        for k in points.indices.reversed() {
            if rateGradient != nil {
                for task in 0..<stack.count {
                    for index in adaptedIndices {
                        rateGradient!.tensors[index].addProduct(
                            elementwise: points[k].gradients[task][index], v[task][index])
                    }
                }
            }
            guard order == .second else { continue }
            // With one scalar rate the products are taken along `v` itself and scaled after
            // (`H (α v) = α H v`), sparing a scaled copy of every task's adjoint.
            let directions =
                rates == nil
                ? v
                : v.map { vector in
                    var direction = network.zeros
                    for index in adaptedIndices {
                        direction[index] = scaledByRate(vector[index], at: index, rates: rates)
                    }
                    return direction
                }
            let products = network.stackedHessianVectorProducts(
                at: points[k], side: stack.support, weights: thetas[k], directions: directions, adapted: adapted,
                summed: k == 0
            )
            meta.add(products.sum, scaledBy: -productScale, only: sharedIndices)
            if k == 0 {
                lastProduct = products.sum
            } else {
                for task in 0..<stack.count {
                    v[task].add(products.perTask[task], scaledBy: -productScale, only: adaptedIndices)
                }
            }
        }
        for task in 0..<stack.count { meta.add(v[task], only: adaptedIndices) }
        if let lastProduct { meta.add(lastProduct, scaledBy: -productScale, only: adaptedIndices) }
        rateGradient?.scale(by: -1)
        let supportLosses = zip(
            stack.support.batches, points.first?.losses ?? Array(repeating: .nan, count: stack.count)
        ).map { batch, loss in
            batch.rows > 0 ? loss : .nan
        }
        return MetaGradient(
            queryLoss: query.losses.reduce(0, +), supportLoss: supportLosses.reduce(0, +),
            gradient: meta, rateGradient: rateGradient, adapted: parameters
        )
    }
}
