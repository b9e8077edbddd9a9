/// The tasks of (part of) a meta-batch with their rows stacked: one support side and one
/// query side holding every task's rows in task order, so that products with weights all
/// tasks share are one large matrix product instead of one small product per task.
struct TaskStack {
    /// Every task's support rows, task after task.
    let support: StackSide
    /// Every task's query rows, task after task.
    let query: StackSide

    init(_ tasks: [MetaTask]) {
        support = StackSide(batches: tasks.map(\.support), objectives: tasks.map(\.supportObjective))
        query = StackSide(batches: tasks.map(\.query), objectives: tasks.map(\.queryObjective))
    }

    /// The number of tasks.
    var count: Int { support.rows.count }
}

/// One side (support or query) of a ``TaskStack``: the tasks' batches, one after the other.
struct StackSide {
    /// Each task's batch.
    let batches: [FeatureBatch]
    /// Each task's objective.
    let objectives: [Objective]
    /// The batches stacked.
    let batch: FeatureBatch
    /// Where each task's rows lie in ``batch``.
    let rows: RowSegments
    /// Each task's touched codes of each column of ``batch`` (`nil` for dense columns), for
    /// the embedding tables' gradients (``FeatureNetwork/scatterThroughFirstLayer(_:side:separately:firstTermSums:perTask:sum:)``).
    let touchedCodes: [TouchedCodes?]
    /// Each task's number of leading columns (fields) whose value every row of the task
    /// shares (0 for fewer than two rows): a user's own features, which the products of
    /// each task's rows with its own first-layer matrices take once
    /// (``Matrix/addProduct(_:rows:sharing:_:)``).
    let sharedFields: [Int]

    init(batches: [FeatureBatch], objectives: [Objective]) {
        self.batches = batches
        self.objectives = objectives
        batch = .stacking(batches)
        rows = RowSegments(lengths: batches.map(\.rows))
        touchedCodes = TouchedCodes.byTask(batch, rows: rows)
        sharedFields = batches.map { batch in
            guard batch.rows > 1 else { return 0 }
            return batch.columns.prefix { FeatureNetwork.isShared($0) }.count
        }
    }
}

/// Consecutive blocks of rows, one per task, in a matrix that stacks the tasks' rows.
struct RowSegments: Hashable, Sendable {
    /// `count + 1` increasing row positions; block `t` is `offsets[t]..<offsets[t + 1]`.
    let offsets: [Int]

    init(lengths: [Int]) {
        var offsets = [0]
        for length in lengths { offsets.append(offsets[offsets.count - 1] + length) }
        self.offsets = offsets
    }

    /// The rows of task `task`.
    subscript(task: Int) -> Range<Int> { offsets[task]..<offsets[task + 1] }

    /// The number of blocks.
    var count: Int { offsets.count - 1 }

    /// The number of rows of all blocks together.
    var totalRows: Int { offsets[offsets.count - 1] }
}

/// The parameters on a stack of tasks: one set shared by every task (before the first
/// inner step) or one set per task (after it) in which only the adapted tensors differ.
enum StackWeights {
    /// Every task has these parameters.
    case shared(ParameterSet)
    /// Task `t` has element `t`; only the tensors at `varying` differ between tasks.
    case perTask([ParameterSet], varying: Set<Int>)

    /// Whether the tensor at `index` differs between tasks.
    func varies(_ index: Int) -> Bool {
        guard case let .perTask(_, varying) = self else { return false }
        return varying.contains(index)
    }

    /// Task `task`'s parameters.
    func parameters(task: Int) -> ParameterSet {
        switch self {
        case let .shared(parameters): return parameters
        case let .perTask(sets, _): return sets[task]
        }
    }

    /// Task `task`'s tensor at `index`.
    func tensor(_ index: Int, task: Int) -> Matrix {
        parameters(task: task)[index]
    }

    /// Adds `h[rows t] · op(W_t)` into rows `rows t` of `output` for every task, with `W_t`
    /// the tensor at `index` and `op` transposing when asked: one product over the whole
    /// stack when the tasks share the tensor, one per task otherwise.
    ///
    /// `sharing`, when given, is each task's number of leading columns of `h` its rows share
    /// (``FeatureNetwork/sharedColumns(_:)``), whose per-task products are taken once per
    /// task (``Matrix/addProduct(_:rows:sharing:_:)``); it needs `transposeWeight` off.
    func addProducts(
        _ h: Matrix, weight index: Int, rows: RowSegments, transposeWeight: Bool = false, sharing shared: [Int]? = nil,
        into output: inout Matrix
    ) {
        guard varies(index) else {
            output.addProduct(h, tensor(index, task: 0), transposeB: transposeWeight)
            return
        }
        precondition(shared == nil || !transposeWeight, "shared columns need an untransposed weight")
        for task in 0..<rows.count {
            let weight = tensor(index, task: task)
            if let shared {
                output.addProduct(h, rows: rows[task], sharing: shared[task], weight)
            } else {
                output.addProduct(
                    h, rows: rows[task], weight, rows: 0..<weight.rows, transposeB: transposeWeight,
                    intoRows: rows[task])
            }
        }
    }

    /// Adds each task's bias (the tensor at `index`) to that task's rows of `output`.
    func addBiases(weight index: Int, rows: RowSegments, into output: inout Matrix) {
        guard varies(index) else {
            output.addToEachRow(tensor(index, task: 0))
            return
        }
        for task in 0..<rows.count { output.addToEachRow(tensor(index, task: task), rows: rows[task]) }
    }
}
