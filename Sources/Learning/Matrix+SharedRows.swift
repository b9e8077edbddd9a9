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
}
