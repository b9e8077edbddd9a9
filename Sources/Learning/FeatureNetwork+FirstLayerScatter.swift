/// One term `g · Wₜᵀ` of the first layer's input gradient over a stack of tasks: `gradient`
/// over the stacked rows, times the transpose of each task's `inputWidth × k` matrix (the
/// first layer's weight, the low-rank adapter's down-projection, or a direction of either).
struct FirstLayerTerm {
    /// The rows' gradient with respect to the product's output (`rows × k`).
    let gradient: Matrix
    /// One matrix every task shares, or one per task (`nil` where a task's is zero).
    let weights: [Matrix?]

    /// The term with the tensor at `index` of `weights`: one matrix when the tasks share it.
    init(_ gradient: Matrix, weights: StackWeights, index: Int, tasks: Int) {
        self.gradient = gradient
        self.weights =
            weights.varies(index)
            ? (0..<tasks).map { weights.tensor(index, task: $0) } : [weights.tensor(index, task: 0)]
    }

    /// The term with each task's direction of the tensor at `index`.
    init(_ gradient: Matrix, directions: [ParameterSet], index: Int) {
        self.gradient = gradient
        self.weights = directions.map { $0[index].isZero ? nil : $0[index] }
    }

    /// Whether every task has the same matrix.
    var isShared: Bool { weights.count == 1 }
}

// MARK: - Embedding-table gradients through the first layer

extension FeatureNetwork {
    /// Adds the embedding tables' part of the input gradient `Σ_terms g · Wₜᵀ` into each
    /// task's set of `perTask` when `separately`, into `sum` otherwise, without forming the
    /// input gradient. A table's gradient is `Sᵀ (g · W_fᵀ)`, with `S` the rows' one-hot (or
    /// mean-pooling) codes and `W_f` the field's rows of `W`; it is computed as
    /// `(Sᵀ g) · W_fᵀ`: the rows of `g` are first summed per code a task touches (per code
    /// the stack touches, when every term's matrix is shared and the sum is wanted), so the
    /// product has one row per touched code instead of one per example, and the dense
    /// fields' columns are never computed. Equal to scattering `g · Wᵀ` up to the order of
    /// the sums. A stack of one task (an inner loop's steps on one support set) has the same
    /// codes either way, and reuses its side's, and then the first term's sums
    /// `firstTermSums` when the caller has them (``codeSums(_:side:)``).
    func scatterThroughFirstLayer(
        _ terms: [FirstLayerTerm], side: StackSide, separately: Bool, firstTermSums: [Matrix?]? = nil,
        perTask: inout [ParameterSet], sum: inout ParameterSet
    ) {
        let byTask = separately || terms.contains { !$0.isShared }
        let sideCodes = byTask || side.rows.count == 1
        let groups = [0..<side.rows.totalRows]
        var offset = 0
        for (index, field) in fields.enumerated() {
            defer { offset += field.width }
            guard let table = field.table, let tensor = tableIndices[index] else { continue }
            let codes =
                sideCodes
                ? side.touchedCodes[index]!
                : TouchedCodes(side.batch.columns[index], groups: groups, cardinality: table.cardinality)
            guard codes.count > 0 else { continue }
            var product = Matrix(rows: codes.count, columns: table.dimension)
            for (position, term) in terms.enumerated() {
                let given = sideCodes && position == 0 ? firstTermSums?[index] : nil
                let summed = given ?? codes.sum(term.gradient)
                if term.isShared {
                    guard let weight = term.weights[0] else { continue }
                    product.addProduct(
                        summed, rows: 0..<codes.count, weight, rows: offset..<(offset + table.dimension),
                        transposeB: true, intoRows: 0..<codes.count)
                    continue
                }
                for (task, slots) in codes.groupSlots.enumerated() where !slots.isEmpty {
                    guard let weight = term.weights[task] else { continue }
                    product.addProduct(
                        summed, rows: slots, weight, rows: offset..<(offset + table.dimension), transposeB: true,
                        intoRows: slots)
                }
            }
            for (group, slots) in codes.groupSlots.enumerated() where !slots.isEmpty {
                if separately {
                    codes.scatter(product, slots: slots, into: &perTask[group].tensors[tensor])
                } else {
                    codes.scatter(product, slots: slots, into: &sum.tensors[tensor])
                }
            }
        }
    }
}

// MARK: - Touched codes

/// The codes an input column's rows touch, one slot per distinct code of each group of
/// rows (slots of a group consecutive, in order of first appearance), with every row's
/// codes and pooling weights pointing at their slots.
struct TouchedCodes {
    /// The code of each slot.
    private(set) var slotCodes: [Int32] = []
    /// Each group's slots.
    private(set) var groupSlots: [Range<Int>] = []
    /// Each (row, code) entry's row, slot and weight (1, or `1 / n` for a list of `n` codes).
    private var entries: [(row: Int, slot: Int, weight: Float)] = []

    /// The codes of `column` (categorical or multi-valued), whose codes lie in `0..<cardinality`,
    /// touched by each group of rows.
    init(_ column: InputColumn, groups: [Range<Int>], cardinality: Int) {
        var slotOf = [Int](repeating: -1, count: cardinality)
        entries.reserveCapacity(groups.last?.upperBound ?? 0)
        for rows in groups {
            let first = slotCodes.count
            switch column {
            case let .codes(codes):
                for row in rows { touch(codes[row], row: row, weight: 1, slotOf: &slotOf) }
            case let .lists(lists):
                for row in rows {
                    let list = lists.codes(of: row)
                    for code in list { touch(code, row: row, weight: 1 / Float(list.count), slotOf: &slotOf) }
                }
            case .dense:
                preconditionFailure("a dense column has no codes")
            }
            for code in slotCodes[first...] { slotOf[Int(code)] = -1 }
            groupSlots.append(first..<slotCodes.count)
        }
    }

    /// Each task's touched codes of each categorical or multi-valued column of `batch`
    /// (`nil` for dense columns), the tasks' rows given by `rows`.
    static func byTask(_ batch: FeatureBatch, rows: RowSegments) -> [TouchedCodes?] {
        let groups = (0..<rows.count).map { rows[$0] }
        return batch.columns.map { column in
            switch column {
            case let .codes(codes):
                return TouchedCodes(column, groups: groups, cardinality: Int(codes.max() ?? -1) + 1)
            case let .lists(lists):
                return TouchedCodes(column, groups: groups, cardinality: Int(lists.codes.max() ?? -1) + 1)
            case .dense:
                return nil
            }
        }
    }

    private mutating func touch(_ code: Int32, row: Int, weight: Float, slotOf: inout [Int]) {
        var slot = slotOf[Int(code)]
        if slot < 0 {
            slot = slotCodes.count
            slotOf[Int(code)] = slot
            slotCodes.append(code)
        }
        entries.append((row, slot, weight))
    }

    /// The number of slots.
    var count: Int { slotCodes.count }

    /// Whether `other` has the same groups of slots and the same (row, slot, weight) entries,
    /// so that its ``sum(_:)`` of any matrix is this one's, bit for bit (the codes may differ).
    func hasEntries(of other: TouchedCodes) -> Bool {
        groupSlots == other.groupSlots && entries.count == other.entries.count
            && zip(entries, other.entries).allSatisfy {
                $0.row == $1.row && $0.slot == $1.slot && $0.weight == $1.weight
            }
    }

    /// `Sᵀ g`: each slot's sum of its rows of `g`, weighted.
    func sum(_ g: Matrix) -> Matrix {
        var result = Matrix(rows: count, columns: g.columns)
        let width = g.columns
        g.storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                for entry in entries {
                    RowKernels.add(
                        source.baseAddress! + entry.row * width, weight: entry.weight,
                        into: target.baseAddress! + entry.slot * width, count: width)
                }
            }
        }
        return result
    }

    /// The table row of each slot's code, from the table of the slot's group (`table(group)`).
    func gather(_ table: (Int) -> Matrix) -> Matrix {
        guard let first = groupSlots.firstIndex(where: { !$0.isEmpty }) else {
            return Matrix(rows: 0, columns: 0)
        }
        let width = table(first).columns
        var result = Matrix(rows: count, columns: width)
        result.storage.withUnsafeMutableBufferPointer { target in
            for (group, slots) in groupSlots.enumerated() where !slots.isEmpty {
                let source = table(group)
                precondition(source.columns == width, "tables differ in width")
                source.storage.withUnsafeBufferPointer { rows in
                    for slot in slots {
                        (target.baseAddress! + slot * width).update(
                            from: rows.baseAddress! + Int(slotCodes[slot]) * width, count: width)
                    }
                }
            }
        }
        return result
    }

    /// `output += S · values`: each entry's weighted row of `values` added into its row of `output`.
    func addEntries(_ values: Matrix, into output: inout Matrix) {
        let width = values.columns
        precondition(output.columns == width, "output is \(output.columns) wide, values \(width)")
        values.storage.withUnsafeBufferPointer { source in
            output.storage.withUnsafeMutableBufferPointer { target in
                for entry in entries {
                    RowKernels.add(
                        source.baseAddress! + entry.slot * width, weight: entry.weight,
                        into: target.baseAddress! + entry.row * width, count: width)
                }
            }
        }
    }

    /// Adds row `s` of `values` into row `slotCodes[s]` of `tableGradient` for the slots `slots`.
    func scatter(_ values: Matrix, slots: Range<Int>, into tableGradient: inout Matrix) {
        let width = values.columns
        precondition(tableGradient.columns == width, "table gradient is \(tableGradient.columns) wide, values \(width)")
        values.storage.withUnsafeBufferPointer { source in
            tableGradient.storage.withUnsafeMutableBufferPointer { target in
                for slot in slots {
                    RowKernels.add(
                        source.baseAddress! + slot * width, into: target.baseAddress! + Int(slotCodes[slot]) * width,
                        count: width)
                }
            }
        }
    }
}
