// MARK: - Meta-batches

extension InnerLoop {
    /// The number of tasks whose rows are stacked into one batch of matrix products; a
    /// fixed number, so that the sums, and hence the result, do not depend on `workers`.
    static let tasksPerStack = 8

    /// The mean meta-gradient over the tasks of a meta-batch.
    ///
    /// When the adapted tensors allow it (`stacksTasks`), tasks are stacked by
    /// `tasksPerStack` so that the matrix products are large enough to keep BLAS busy, and
    /// the stacks are spread over `workers` threads; otherwise the tasks themselves are.
    /// Partial results are summed in task order, so the result does not depend on `workers`
    /// (nor on BLAS's thread count, whose products split rows and columns, never the sums).
    public func metaGradient(
        _ parameters: ParameterSet, tasks: [MetaTask], order: MetaGradientOrder, rates: ParameterSet? = nil,
        workers: Int = 1
    ) -> MetaGradient {
        precondition(!tasks.isEmpty, "a meta-batch needs at least one task")
        let results: [MetaGradient]
        if stacksTasks {
            results = TaskParallel.map(Self.stacks(of: tasks), workers: workers) { stack in
                stackedMetaGradientSum(parameters, stack: TaskStack(stack), order: order, rates: rates)
            }
        } else {
            results = TaskParallel.map(tasks, workers: workers) { task in
                metaGradient(parameters, task: task, order: order, rates: rates)
            }
        }
        return MetaGradient.mean(of: results, at: parameters, tasks: tasks.count)
    }

    /// `items` cut into consecutive stacks of ``tasksPerStack`` (the last may be shorter).
    static func stacks<Item>(of items: [Item]) -> [[Item]] {
        stride(from: 0, to: items.count, by: tasksPerStack).map {
            Array(items[$0..<min($0 + tasksPerStack, items.count)])
        }
    }
}

// MARK: - Means

extension MetaGradient {
    /// The mean of per-task (or per-stack) results, summed in their order; `adapted` is
    /// `parameters`. Losses of stacks are sums, so the divisor is the number of tasks.
    static func mean(of results: [MetaGradient], at parameters: ParameterSet, tasks: Int? = nil) -> MetaGradient {
        var total = results[0]
        for result in results.dropFirst() {
            total.queryLoss += result.queryLoss
            total.supportLoss += result.supportLoss
            total.gradient.add(result.gradient)
            if let rateGradient = result.rateGradient { total.rateGradient?.add(rateGradient) }
        }
        let count = tasks ?? results.count
        let scale = 1 / Float(count)
        total.queryLoss /= Double(count)
        total.supportLoss /= Double(count)
        total.gradient.scale(by: scale)
        total.rateGradient?.scale(by: scale)
        total.adapted = parameters
        return total
    }
}
