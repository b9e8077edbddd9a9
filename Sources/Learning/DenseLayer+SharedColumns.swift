// MARK: - Inputs whose leading columns every row shares

/// The passes of a ``DenseLayer`` whose input's first `sharedColumns` columns hold the same
/// values in every row (a user's own features on the rows of one user's task): products
/// with those columns are taken once, on the first row, instead of once per row, and each
/// is what the plain pass computes up to rounding:
/// - forward, `x₀[..<s]·W[..<s]` joins the bias;
/// - backward, `∂W[..<s] = x₀[..<s]ᵀ · Σ g` (rows summed first), and the input gradient of
///   the shared columns is `Σ g · W[..<s]ᵀ` in the first row, zero in the others: the sum
///   over rows, which is all an embedding table's gradient takes of it (a shared field's
///   rows all scatter into one table row);
/// - the R-operator likewise, with the input tangent's shared columns (the same table rows'
///   tangents) entering once.
///
/// The backward passes also take `activeColumns`: the input columns after it are dense
/// inputs no parameter stands behind (a network's dense fields after its last embedding
/// table), whose input gradient nobody reads and whose tangent is zero, so the products
/// for them are skipped (`nil`: every column is active).
///
/// With `sharedColumns` 0 and every column active each is the plain pass.
extension DenseLayer {
    /// `x·W + b`, the shared columns' product computed once (see the extension's summary).
    func forward(_ input: Matrix, sharedColumns shared: Int, weight: Matrix, bias: Matrix) -> Matrix {
        guard shared > 0 else { return forward(input, weight: weight, bias: bias) }
        var row = bias
        row.addBlockProduct(input, 0..<1, 0..<shared, weight, 0..<shared, 0..<outputWidth, into: 0..<1, 0..<outputWidth)
        var output = Matrix(rows: input.rows, columns: outputWidth)
        output.addToEachRow(row)
        addUnsharedProduct(input, weight, shared: shared, into: &output)
        return output
    }

    /// Gradients of `[W, b]` (and of `x` when `needsInput`) given `∂L/∂y`, the shared
    /// columns' parts from the summed rows (see the extension's summary).
    func backward(
        input: Matrix, sharedColumns shared: Int, activeColumns: Int? = nil, weight: Matrix, outputGradient: Matrix,
        needsInput: Bool
    ) -> LayerGradients {
        let end = activeColumns ?? inputWidth
        guard shared > 0 || end < inputWidth else {
            return backward(input: input, weight: weight, outputGradient: outputGradient, needsInput: needsInput)
        }
        let sums = outputGradient.columnSums
        var weightGradient = Matrix(rows: inputWidth, columns: outputWidth)
        addWeightGradient(input, outputGradient, sums: sums, shared: shared, into: &weightGradient)
        var inputGradient: Matrix?
        if needsInput {
            var value = Matrix(rows: input.rows, columns: inputWidth)
            addInputGradient(outputGradient, sums: sums, weight: weight, shared: shared, end: end, into: &value)
            inputGradient = value
        }
        return LayerGradients(input: inputGradient, parameters: [weightGradient, sums])
    }

    /// `R{y} = R{x}·W + x·V_W + V_b`, the shared columns' products computed once; `nil` when
    /// every term is zero.
    func rForward(
        input: Matrix, inputTangent: Matrix?, sharedColumns shared: Int, activeColumns: Int? = nil, weight: Matrix,
        weightTangent: Matrix?, biasTangent: Matrix?
    ) -> Matrix? {
        let end = activeColumns ?? inputWidth
        guard shared > 0 || end < inputWidth else {
            return rForward(
                input: input, inputTangent: inputTangent, weight: weight, weightTangent: weightTangent,
                biasTangent: biasTangent)
        }
        guard inputTangent != nil || weightTangent != nil || biasTangent != nil else { return nil }
        var row = biasTangent ?? Matrix(rows: 1, columns: outputWidth)
        let (head, all) = (0..<shared, 0..<outputWidth)
        if let inputTangent { row.addBlockProduct(inputTangent, 0..<1, head, weight, head, all, into: 0..<1, all) }
        if let weightTangent { row.addBlockProduct(input, 0..<1, head, weightTangent, head, all, into: 0..<1, all) }
        var output = Matrix(rows: input.rows, columns: outputWidth)
        output.addToEachRow(row)
        if let inputTangent { addUnsharedProduct(inputTangent, weight, shared: shared, end: end, into: &output) }
        if let weightTangent { addUnsharedProduct(input, weightTangent, shared: shared, into: &output) }
        return output
    }

    /// The R-operator of ``backward(input:sharedColumns:activeColumns:weight:outputGradient:needsInput:)``:
    /// `R{∂W} = R{x}ᵀ·g + xᵀ·R{g}`, `R{∂b} = Σ R{g}`, `R{∂x} = R{g}·Wᵀ + g·V_Wᵀ`, the shared
    /// columns' parts from the summed rows.
    func rBackward(
        input: Matrix, inputTangent: Matrix?, sharedColumns shared: Int, activeColumns: Int? = nil, weight: Matrix,
        weightTangent: Matrix?, outputGradient: Matrix, outputGradientTangent: Matrix?, needsInput: Bool
    ) -> LayerGradients {
        let end = activeColumns ?? inputWidth
        guard shared > 0 || end < inputWidth else {
            return rBackward(
                input: input, inputTangent: inputTangent, weight: weight, weightTangent: weightTangent,
                outputGradient: outputGradient, outputGradientTangent: outputGradientTangent, needsInput: needsInput)
        }
        let sums = outputGradient.columnSums
        let tangentSums = outputGradientTangent?.columnSums
        var weightGradient = Matrix(rows: inputWidth, columns: outputWidth)
        if let inputTangent {
            addWeightGradient(inputTangent, outputGradient, sums: sums, shared: shared, end: end, into: &weightGradient)
        }
        if let outputGradientTangent, let tangentSums {
            addWeightGradient(input, outputGradientTangent, sums: tangentSums, shared: shared, into: &weightGradient)
        }
        var inputGradient: Matrix?
        if needsInput {
            var value = Matrix(rows: input.rows, columns: inputWidth)
            if let outputGradientTangent, let tangentSums {
                addInputGradient(
                    outputGradientTangent, sums: tangentSums, weight: weight, shared: shared, end: end, into: &value)
            }
            if let weightTangent {
                addInputGradient(
                    outputGradient, sums: sums, weight: weightTangent, shared: shared, end: end, into: &value)
            }
            inputGradient = value
        }
        return LayerGradients(
            input: inputGradient,
            parameters: [weightGradient, tangentSums ?? Matrix(rows: 1, columns: outputWidth)])
    }

    // MARK: - The two parts of each product

    /// `output += x[:, s..<end]·W[s..<end]` (`end` the input width unless given).
    private func addUnsharedProduct(
        _ x: Matrix, _ weight: Matrix, shared: Int, end: Int? = nil, into output: inout Matrix
    ) {
        let tail = shared..<max(shared, end ?? inputWidth)
        output.addBlockProduct(x, 0..<x.rows, tail, weight, tail, 0..<outputWidth, into: 0..<x.rows, 0..<outputWidth)
    }

    /// `∂W += xᵀ·g` with the shared rows of `∂W` as `x₀[..<s]ᵀ · sums` (`sums = Σ g`); rows
    /// from `end` on (where `x` is zero) untouched when `end` is given.
    private func addWeightGradient(
        _ x: Matrix, _ g: Matrix, sums: Matrix, shared: Int, end: Int? = nil, into result: inout Matrix
    ) {
        let (head, tail, all) = (0..<shared, shared..<max(shared, end ?? inputWidth), 0..<outputWidth)
        result.addBlockProduct(x, 0..<1, head, transposeA: true, sums, 0..<1, all, into: head, all)
        result.addBlockProduct(x, 0..<x.rows, tail, transposeA: true, g, 0..<g.rows, all, into: tail, all)
    }

    /// `∂x += g·Wᵀ` with the shared columns as `sums · W[..<s]ᵀ` in the first row, for the
    /// columns before `end` (the others left as they are).
    private func addInputGradient(
        _ g: Matrix, sums: Matrix, weight: Matrix, shared: Int, end: Int, into result: inout Matrix
    ) {
        let (head, tail, all) = (0..<shared, shared..<max(shared, end), 0..<outputWidth)
        result.addBlockProduct(sums, 0..<1, all, weight, head, all, transposeB: true, into: 0..<1, head)
        result.addBlockProduct(g, 0..<g.rows, all, weight, tail, all, transposeB: true, into: 0..<g.rows, tail)
    }
}

// MARK: - Products of blocks

extension Matrix {
    /// Adds `op(a[aRows, aColumns]) · op(b[bRows, bColumns])` to the block `[rows, columns]`
    /// of this matrix, every block used in place (``BLAS/blockedProduct(transposeA:transposeB:m:n:k:scale:beta:a:lda:b:ldb:c:ldc:)``).
    mutating func addBlockProduct(
        _ a: Matrix, _ aRows: Range<Int>, _ aColumns: Range<Int>, transposeA: Bool = false,
        _ b: Matrix, _ bRows: Range<Int>, _ bColumns: Range<Int>, transposeB: Bool = false,
        into rows: Range<Int>, _ columns: Range<Int>
    ) {
        let m = transposeA ? aColumns.count : aRows.count
        let k = transposeA ? aRows.count : aColumns.count
        let n = transposeB ? bRows.count : bColumns.count
        precondition(
            k == (transposeB ? bColumns.count : bRows.count) && m == rows.count && n == columns.count,
            "block shapes do not match")
        precondition(
            aRows.upperBound <= a.rows && aColumns.upperBound <= a.columns && bRows.upperBound <= b.rows
                && bColumns.upperBound <= b.columns && rows.upperBound <= self.rows
                && columns.upperBound <= self.columns,
            "block outside its matrix")
        guard m > 0, n > 0, k > 0 else { return }
        let ldc = self.columns
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                storage.withUnsafeMutableBufferPointer { pc in
                    BLAS.blockedProduct(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, scale: 1,
                        a: pa.baseAddress! + aRows.lowerBound * a.columns + aColumns.lowerBound, lda: a.columns,
                        b: pb.baseAddress! + bRows.lowerBound * b.columns + bColumns.lowerBound, ldb: b.columns,
                        c: pc.baseAddress! + rows.lowerBound * ldc + columns.lowerBound, ldc: ldc
                    )
                }
            }
        }
    }
}
