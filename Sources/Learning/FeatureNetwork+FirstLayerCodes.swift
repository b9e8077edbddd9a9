// MARK: - First-layer products through the codes

/// Products of the first layer's input over a stack of tasks, computed through the codes the
/// tasks touch instead of over every row: an embedded field's columns of the input are rows
/// of a table (`x_f = S_f T_f`, `S_f` the one-hot or mean-pooling codes), so
/// `x · W = Σ_f S_f (T_f[touched] · W_f) + x_dense · W_dense` and
/// `xᵀ g = [T_f[touched]ᵀ (S_fᵀ g); x_denseᵀ g]`, whose products have one row per code a
/// task touches (a task's user fields touch one) instead of one per example. Equal to the
/// products with the whole input up to the order of the sums.
extension FeatureNetwork {
    /// Adds `x · weight` to `output`, with `x` over `side`'s rows whose embedded columns are
    /// task `t`'s tables `tables(tensor, t)`; the dense columns are read from `x` when
    /// `dense`, and taken as zero otherwise (a tangent of the tables alone).
    func addFirstLayerProduct(
        _ x: Matrix, side: StackSide, tables: (Int, Int) -> Matrix, weight: Matrix, dense: Bool,
        into output: inout Matrix
    ) {
        precondition(weight.rows == inputWidth && output.columns == weight.columns, "first-layer shapes differ")
        forEachField(side: side) { _, columns, tensor, codes in
            if let codes, let tensor {
                guard codes.count > 0 else { return }
                let rows = codes.gather { tables(tensor, $0) }
                var product = Matrix(rows: codes.count, columns: weight.columns)
                product.addProduct(rows, rows: 0..<codes.count, weight, rows: columns, intoRows: 0..<codes.count)
                codes.addEntries(product, into: &output)
            } else if dense {
                let (rows, all) = (0..<x.rows, 0..<weight.columns)
                output.addBlockProduct(x, rows, columns, weight, columns, all, into: rows, all)
            }
        }
    }

    /// Adds `xᵀ g` to `result` (`inputWidth × g.columns`), with `x` as in
    /// ``addFirstLayerProduct(_:side:tables:weight:dense:into:)``; `sums`, when given, is
    /// ``codeSums(_:side:)`` of `g`, which the caller needs again.
    func addFirstLayerTransposedProduct(
        _ x: Matrix, side: StackSide, tables: (Int, Int) -> Matrix, gradient g: Matrix, dense: Bool,
        sums: [Matrix?]? = nil, into result: inout Matrix
    ) {
        precondition(result.rows == inputWidth && result.columns == g.columns, "first-layer shapes differ")
        forEachField(side: side) { index, columns, tensor, codes in
            if let codes, let tensor {
                guard codes.count > 0 else { return }
                let rows = codes.gather { tables(tensor, $0) }
                result.addProduct(
                    rows, rows: 0..<codes.count, sums?[index] ?? codes.sum(g), rows: 0..<codes.count,
                    transposeA: true, intoRows: columns)
            } else if dense {
                let all = 0..<g.columns
                result.addBlockProduct(x, 0..<x.rows, columns, transposeA: true, g, 0..<g.rows, all, into: columns, all)
            }
        }
    }

    /// `Sᵀ g` of each field over each task's touched codes of `side` (`nil` for a dense
    /// field): what the first layer's weight gradient and the tables' gradients both take
    /// of `g` (``addFirstLayerTransposedProduct(_:side:tables:gradient:dense:sums:into:)``,
    /// ``scatterThroughFirstLayer(_:side:separately:firstTermSums:perTask:sum:)``), summed once.
    /// Fields whose codes have the same rows, slots and weights (a user's fields on the rows
    /// of the user's tasks: one code per task, touched by every row of it) share one sum.
    func codeSums(_ g: Matrix, side: StackSide) -> [Matrix?] {
        var sums = [Matrix?]()
        for (index, codes) in side.touchedCodes.enumerated() {
            guard let codes else {
                sums.append(nil)
                continue
            }
            let same = (0..<index).first { side.touchedCodes[$0]?.hasEntries(of: codes) ?? false }
            sums.append(same.map { sums[$0]! } ?? codes.sum(g))
        }
        return sums
    }

    /// Calls `body` with each field's index, its columns of the input, its table's tensor
    /// index and each task's touched codes (both `nil` for a dense field).
    private func forEachField(side: StackSide, _ body: (Int, Range<Int>, Int?, TouchedCodes?) -> Void) {
        var offset = 0
        for (index, field) in fields.enumerated() {
            body(index, offset..<(offset + field.width), tableIndices[index], side.touchedCodes[index])
            offset += field.width
        }
    }
}
