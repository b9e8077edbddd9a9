/// The first layer's input over a stack of tasks, split where a task's rows repeat
/// themselves: the leading fields every row of a task shares (the user's own features,
/// which a task pairs with each of its items) are encoded once per task, the other fields
/// once per row. The first layer's products then multiply each task's shared columns once
/// (`s_t · W_S`, added to each of its rows like a bias) instead of once per row, and their
/// weight gradient is an outer product with the task's column sums (`s_tᵀ · Σ_rows g`):
/// the same values as the full input's products, up to rounding.
struct StackInput {
    /// The shared fields' encoding, one row per task (`tasks × sharedWidth`).
    var shared: Matrix
    /// The other fields' encoding, one row per stacked row.
    var varying: Matrix

    /// The number of columns the shared fields take: the first layer's weight rows
    /// `0..<sharedWidth` multiply them, the rows after multiply ``varying``.
    var sharedWidth: Int { shared.columns }
}

// MARK: - Encoding and scattering

extension FeatureNetwork {
    /// The number of leading fields of `side` whose encoding the first layer may take once
    /// per task: none when a low-rank adapter reads the first layer's whole input.
    func sharedFieldCount(_ side: StackSide) -> Int {
        lowRank?.layer == 0 ? 0 : side.sharedFields
    }

    /// The first layer's input of every task's rows with its own tables, split at
    /// ``sharedFieldCount(_:)``: one encoding of the stacked batch when the tasks share
    /// their tables.
    func stackedInput(_ side: StackSide, weights: StackWeights) -> StackInput {
        let (shared, varying) = fieldSplit(side)
        guard encoderIndices.contains(where: weights.varies) else {
            let parameters = weights.parameters(task: 0)
            return StackInput(
                shared: sharedEncoding(side, fields: shared) { _ in parameters },
                varying: encode(side.batch, parameters: parameters, only: varying))
        }
        var x = Matrix(rows: side.rows.totalRows, columns: inputWidth - sharedWidth(shared))
        for (task, batch) in side.batches.enumerated() {
            x.replaceRows(
                from: side.rows[task].lowerBound,
                with: encode(batch, parameters: weights.parameters(task: task), only: varying))
        }
        return StackInput(shared: sharedEncoding(side, fields: shared) { weights.parameters(task: $0) }, varying: x)
    }

    /// `R{x}` split like ``stackedInput(_:weights:)``: each task's encoding of its own
    /// direction's tables.
    func stackedInputTangent(_ side: StackSide, directions: [ParameterSet]) -> StackInput {
        let (shared, varying) = fieldSplit(side)
        var x = Matrix(rows: side.rows.totalRows, columns: inputWidth - sharedWidth(shared))
        var s = Matrix(rows: side.rows.count, columns: sharedWidth(shared))
        for (task, batch) in side.batches.enumerated() {
            let tangents = directions[task].tensors.map { Optional($0) }
            if let tangent = encodeTangent(batch, tangents: tangents, only: varying) {
                x.replaceRows(from: side.rows[task].lowerBound, with: tangent)
            }
            if !shared.isEmpty, let tangent = encodeTangent(side.firstRows[task], tangents: tangents, only: shared) {
                s.replaceRows(from: task, with: tangent)
            }
        }
        return StackInput(shared: s, varying: x)
    }

    /// Adds the first layer's input gradient `gx` into the embedding tables' gradients:
    /// each task's rows (and its shared row) into its own set of `perTask` when
    /// `separately`, all of them into `sum` otherwise.
    func scatterStacked(
        _ gx: StackInput, side: StackSide, separately: Bool, perTask: inout [ParameterSet], sum: inout ParameterSet
    ) {
        let (shared, varying) = fieldSplit(side)
        guard separately else {
            scatterInputGradient(gx.varying, batch: side.batch, only: varying, into: &sum)
            if !shared.isEmpty { scatterInputGradient(gx.shared, batch: side.firstRowStack, only: shared, into: &sum) }
            return
        }
        for (task, batch) in side.batches.enumerated() {
            scatterInputGradient(gx.varying.rows(side.rows[task]), batch: batch, only: varying, into: &perTask[task])
            if !shared.isEmpty {
                scatterInputGradient(
                    gx.shared.rows(task..<(task + 1)), batch: side.firstRows[task], only: shared,
                    into: &perTask[task])
            }
        }
    }

    /// The fields encoded once per task and the fields encoded once per row.
    private func fieldSplit(_ side: StackSide) -> (shared: [Int], varying: [Int]) {
        let count = sharedFieldCount(side)
        return (Array(0..<count), Array(count..<fields.count))
    }

    private func sharedWidth(_ shared: [Int]) -> Int {
        shared.reduce(0) { $0 + fields[$1].width }
    }

    /// The shared fields' encoding, row `t` from task `t`'s first row with its parameters.
    private func sharedEncoding(_ side: StackSide, fields shared: [Int], parameters: (Int) -> ParameterSet)
        -> Matrix
    {
        guard !shared.isEmpty else { return Matrix(rows: side.rows.count, columns: 0) }
        var s = Matrix(rows: side.rows.count, columns: sharedWidth(shared))
        for (task, row) in side.firstRows.enumerated() {
            s.replaceRows(from: task, with: encode(row, parameters: parameters(task), only: shared))
        }
        return s
    }
}

// MARK: - The first layer's products

extension StackWeights {
    /// Adds each task's `x_t · W_t` into its rows of `output`, for the weight at `index` of
    /// the layer `x` enters: the varying columns' product per row, the shared columns'
    /// product once per task and added to each of its rows.
    func addInputProducts(
        _ x: StackInput, weight index: Int, rows: RowSegments, into output: inout Matrix
    ) {
        let split = x.sharedWidth
        if split > 0 {
            var perTask = Matrix(rows: rows.count, columns: output.columns)
            addProducts(x.shared, weight: index, rows: .singleRows(rows.count), weightRows: 0..<split, into: &perTask)
            perTask.addEachRow(to: &output, rows: rows)
        }
        let inputWidth = tensor(index, task: 0).rows
        addProducts(x.varying, weight: index, rows: rows, weightRows: split..<inputWidth, into: &output)
    }

    /// Adds each task's `g_t · W_tᵀ` into `gx`, split like ``StackInput``: the varying
    /// columns per row, the shared columns once per task from the task's column sums
    /// `sums` (`tasks × width`, see ``StackInput/columnSums(_:rows:)``), for the weight at
    /// `index` of the layer `gx` is the input gradient of.
    func addInputGradient(
        _ g: Matrix, sums: Matrix, weight index: Int, rows: RowSegments, into gx: inout StackInput
    ) {
        let split = gx.sharedWidth
        let inputWidth = tensor(index, task: 0).rows
        addProducts(
            g, weight: index, rows: rows, weightRows: split..<inputWidth, transposeWeight: true, into: &gx.varying)
        if split > 0 {
            addProducts(
                sums, weight: index, rows: .singleRows(rows.count), weightRows: 0..<split, transposeWeight: true,
                into: &gx.shared)
        }
    }
}

extension StackInput {
    /// A layer's input that no task shares: every column per row.
    init(unsplit x: Matrix, tasks: Int) {
        self.init(shared: Matrix(rows: tasks, columns: 0), varying: x)
    }

    /// What the shared columns' products need of a gradient `g` over the stack: each task's
    /// column sums (`tasks × width`), or nothing when no column is shared.
    func columnSums(_ g: Matrix, rows: RowSegments) -> Matrix {
        sharedWidth > 0 ? g.columnSums(of: rows) : Matrix(rows: 0, columns: 0)
    }

    /// An input gradient of the same split, zero.
    func zeroGradient() -> StackInput {
        StackInput(
            shared: Matrix(rows: shared.rows, columns: shared.columns),
            varying: Matrix(rows: varying.rows, columns: varying.columns))
    }

    /// Adds `xᵀ · g` into the first layer's weight-shaped `result`: over task `task`'s rows
    /// (`block`, its row `task` of the shared part and of the column sums `sums`), or over
    /// the whole stack when `task` is `nil`.
    func addTransposedProduct(_ g: Matrix, sums: Matrix, task: Int?, rows: RowSegments, into result: inout Matrix) {
        let split = sharedWidth
        let block = task.map { rows[$0] } ?? 0..<varying.rows
        result.addProduct(
            varying, rows: block, g, rows: block, transposeA: true, intoRows: split..<result.rows)
        guard split > 0 else { return }
        let taskRows = task.map { $0..<($0 + 1) } ?? 0..<shared.rows
        result.addProduct(shared, rows: taskRows, sums, rows: taskRows, transposeA: true, intoRows: 0..<split)
    }
}

extension Matrix {
    /// Each block's column sums, one row per block (`blocks × columns`), each summed as
    /// ``columnSums(rows:)`` sums it.
    func columnSums(of blocks: RowSegments) -> Matrix {
        var sums = Matrix(rows: blocks.count, columns: columns)
        for block in 0..<blocks.count { sums.replaceRows(from: block, with: columnSums(rows: blocks[block])) }
        return sums
    }

    /// Adds row `t` of this matrix to each row of block `t` of `output`.
    func addEachRow(to output: inout Matrix, rows blocks: RowSegments) {
        for block in 0..<blocks.count { output.addToEachRow(rows(block..<(block + 1)), rows: blocks[block]) }
    }
}

extension RowSegments {
    /// `count` blocks of one row each.
    static func singleRows(_ count: Int) -> RowSegments {
        RowSegments(lengths: Array(repeating: 1, count: count))
    }
}
