// MARK: - Products whose left operand's rows share their leading columns

/// Products with a block of rows that hold the same values in their first `shared` columns
/// (a user's own features on the rows of one user's task): the shared columns' part is
/// taken once, on the block's first row, instead of once per row, as
/// ``DenseLayer/forward(_:sharedColumns:weight:bias:)`` does for a whole batch. Each equals
/// the plain product up to the order of the sums; with `shared` 0 or fewer than two rows it
/// is the plain product.
extension Matrix {
    /// Adds `h[rows] · b` to rows `rows` of this matrix: `h[first, ..<s] · b[..<s]` once,
    /// added to every row, and `h[rows, s...] · b[s...]`.
    mutating func addProduct(_ h: Matrix, rows: Range<Int>, sharing shared: Int, _ b: Matrix) {
        guard shared > 0, rows.count > 1 else {
            addProduct(h, rows: rows, b, rows: 0..<b.rows, intoRows: rows)
            return
        }
        let all = 0..<columns
        var row = Matrix(rows: 1, columns: columns)
        row.addBlockProduct(
            h, rows.lowerBound..<(rows.lowerBound + 1), 0..<shared, b, 0..<shared, all, into: 0..<1, all)
        addBlockProduct(h, rows, shared..<h.columns, b, shared..<b.rows, all, into: rows, all)
        addToEachRow(row, rows: rows)
    }

    /// Adds `h[rows]ᵀ · g[rows]` to this matrix (`h.columns × g.columns`): its first `s` rows
    /// as `h[first, ..<s]ᵀ · sums`, with `sums` the sums of the rows `rows` of `g`, the
    /// others as `h[rows, s...]ᵀ · g[rows]`.
    mutating func addTransposedProduct(_ h: Matrix, rows: Range<Int>, sharing shared: Int, _ g: Matrix, sums: Matrix) {
        guard shared > 0, rows.count > 1 else {
            addProduct(h, rows: rows, g, rows: rows, transposeA: true, intoRows: 0..<self.rows)
            return
        }
        precondition(sums.rows == 1 && sums.columns == g.columns, "sums must be one row as wide as g")
        let all = 0..<columns
        let first = rows.lowerBound..<(rows.lowerBound + 1)
        addBlockProduct(h, first, 0..<shared, transposeA: true, sums, 0..<1, all, into: 0..<shared, all)
        addBlockProduct(h, rows, shared..<h.columns, transposeA: true, g, rows, all, into: shared..<self.rows, all)
    }

    /// `h[rows]ᵀ · g[rows]` as a new `h.columns × g.columns` matrix, its first `shared` rows
    /// from `sums` as in ``addTransposedProduct(_:rows:sharing:_:sums:)`` (`sums` is needed
    /// only then). The products write the storage directly (`beta = 0`) instead of adding
    /// into zeros first.
    static func transposedProduct(
        _ h: Matrix, rows: Range<Int>, sharing shared: Int = 0, _ g: Matrix, sums: Matrix? = nil
    ) -> Matrix {
        precondition(rows.upperBound <= h.rows && rows.upperBound <= g.rows, "row block outside the operands")
        let (m, n) = (h.columns, g.columns)
        guard !rows.isEmpty, m > 0, n > 0 else { return Matrix(rows: m, columns: n) }
        let head = shared > 0 && rows.count > 1 ? shared : 0
        precondition(head == 0 || (sums?.rows == 1 && sums?.columns == n), "sums must be one row as wide as g")
        let storage = [Float](unsafeUninitializedCapacity: m * n) { buffer, initialized in
            h.storage.withUnsafeBufferPointer { ph in
                g.storage.withUnsafeBufferPointer { pg in
                    let (first, target) = (ph.baseAddress! + rows.lowerBound * m, buffer.baseAddress!)
                    if head > 0 {
                        sums!.storage.withUnsafeBufferPointer { ps in
                            BLAS.blockedProduct(
                                transposeA: true, transposeB: false, m: head, n: n, k: 1, scale: 1, beta: 0,
                                a: first, lda: m, b: ps.baseAddress!, ldb: n, c: target, ldc: n)
                        }
                    }
                    // Every column shared (rows that are one user's one item) leaves no other rows.
                    if head < m {
                        BLAS.blockedProduct(
                            transposeA: true, transposeB: false, m: m - head, n: n, k: rows.count, scale: 1, beta: 0,
                            a: first + head, lda: m, b: pg.baseAddress! + rows.lowerBound * n, ldb: n,
                            c: target + head * n, ldc: n)
                    }
                }
            }
            initialized = m * n
        }
        return Matrix(rows: m, columns: n, storage: storage)
    }
}
