// MARK: - Meta-batches

extension InnerLoop {
    /// The mean meta-gradient over the tasks of a meta-batch, tasks spread over `workers`
    /// threads; per-task results are summed in task order, so the result does not depend
    /// on `workers` (nor on BLAS's thread count, whose products split rows and columns,
    /// never the sums).
    public func metaGradient(
        _ parameters: ParameterSet, tasks: [MetaTask], order: MetaGradientOrder, rates: ParameterSet? = nil, workers: Int = 1
    ) -> MetaGradient {
        precondition(!tasks.isEmpty, "a meta-batch needs at least one task")
        let results = TaskParallel.map(tasks, workers: workers) { task in
            metaGradient(parameters, task: task, order: order, rates: rates)
        }
        var total = results[0]
        for result in results.dropFirst() {
            total.queryLoss += result.queryLoss
            total.supportLoss += result.supportLoss
            total.gradient.add(result.gradient)
            if let rateGradient = result.rateGradient { total.rateGradient?.add(rateGradient) }
        }
        let scale = 1 / Float(tasks.count)
        total.queryLoss /= Double(tasks.count)
        total.supportLoss /= Double(tasks.count)
        total.gradient.scale(by: scale)
        total.rateGradient?.scale(by: scale)
        total.adapted = parameters
        return total
    }
}
