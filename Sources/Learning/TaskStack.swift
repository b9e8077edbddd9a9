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
    /// The number of leading fields whose value is the same in every row of each task (the
    /// user's own features, paired with each of the task's items); 0 when a task has no rows.
    let sharedFields: Int
    /// Each task's first row (no batches when ``sharedFields`` is 0).
    let firstRows: [FeatureBatch]
    /// ``firstRows`` stacked: row `t` is task `t`'s.
    let firstRowStack: FeatureBatch

    init(batches: [FeatureBatch], objectives: [Objective]) {
        self.batches = batches
        self.objectives = objectives
        batch = .stacking(batches)
        rows = RowSegments(lengths: batches.map(\.rows))
        if let first = batches.first, batches.allSatisfy({ $0.rows > 0 }) {
            sharedFields =
                first.columns.indices.prefix { field in
                    batches.allSatisfy { $0.columns[field].holdsOneValue }
                }.count
        } else {
            sharedFields = 0
        }
        firstRows = sharedFields > 0 ? batches.map(\.firstRow) : []
        firstRowStack = .stacking(firstRows)
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
    /// the tensor at `index` (its rows `weightRows`, all by default) and `op` transposing
    /// when asked: one product over the whole stack when the tasks share the tensor, one
    /// per task otherwise.
    func addProducts(
        _ h: Matrix, weight index: Int, rows: RowSegments, weightRows: Range<Int>? = nil, transposeWeight: Bool = false,
        into output: inout Matrix
    ) {
        guard varies(index) else {
            let weight = tensor(index, task: 0)
            output.addProduct(
                h, rows: 0..<h.rows, weight, rows: weightRows ?? 0..<weight.rows, transposeB: transposeWeight,
                intoRows: 0..<output.rows)
            return
        }
        for task in 0..<rows.count {
            let weight = tensor(index, task: task)
            output.addProduct(
                h, rows: rows[task], weight, rows: weightRows ?? 0..<weight.rows, transposeB: transposeWeight,
                intoRows: rows[task])
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
