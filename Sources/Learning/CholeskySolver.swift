/// Solves `A X = B` for a small symmetric positive-definite `A` by the Cholesky
/// factorization `A = LLᵀ` (Golub & Van Loan, *Matrix Computations*, §4.2), in `Double`:
/// the normal equations of ridge regressions (ALS, fold-in, LinUCB, calibration's feature
/// predictability) and the posteriors of Bayesian linear heads.
public enum CholeskySolver {
    /// The solution of `A x = b`, `A` given row-major as `n × n` with `n = b.count`; `nil`
    /// when `A` is not positive definite.
    public static func solve(_ a: [Double], _ b: [Double]) -> [Double]? {
        solve(a, size: b.count, rightHandSides: b, columns: 1)
    }

    /// The solution `X` of `A X = B` for the `size × size` row-major `matrix` and `columns`
    /// right-hand sides (`size × columns`, row-major); `nil` when `A` is not positive
    /// definite.
    public static func solve(_ matrix: [Double], size n: Int, rightHandSides: [Double], columns: Int) -> [Double]? {
        precondition(
            matrix.count == n * n && rightHandSides.count == n * columns, "A must be \(n)×\(n) and B \(n)×\(columns)")
        guard let l = factor(matrix, size: n) else { return nil }
        var x = rightHandSides
        l.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { x in
                for column in 0..<columns {
                    substitute(l, n, x.baseAddress! + column, step: columns, transposed: false)
                    substitute(l, n, x.baseAddress! + column, step: columns, transposed: true)
                }
            }
        }
        return x
    }

    // MARK: - Factor and triangular solves

    /// The lower factor `L` of `A = LLᵀ` (row-major, upper triangle zero); `nil` when `A`
    /// is not positive definite. Only the lower triangle of `A` is read.
    ///
    /// Column by column: each column's diagonal, then its entries below side by side, each
    /// entry `(aᵢⱼ − Σₖ lᵢₖ lⱼₖ) / lⱼⱼ` with the products subtracted in increasing `k`, as
    /// the row-by-row algorithm subtracts them, so the factor is the same bit for bit
    /// (four earlier columns per pass over a column).
    public static func factor(_ matrix: [Double], size n: Int) -> [Double]? {
        precondition(matrix.count == n * n, "A must be \(n)×\(n)")
        // `columns[j * n + i]` holds `lᵢⱼ`: a column of `L` is contiguous.
        var columns = [Double](repeating: 0, count: n * n)
        let factored = columns.withUnsafeMutableBufferPointer { columns -> Bool in
            let t = columns.baseAddress!
            for j in 0..<n {
                let column = t + j * n
                for i in j..<n { column[i] = matrix[i * n + j] }
                subtract(from: column + j, count: n - j, rows: 0..<j, factors: { t[$0 * n + j] }, x: t + j, stride: n)
                guard column[j] > 0 else { return false }
                let diagonal = column[j].squareRoot()
                column[j] = diagonal
                for i in (j + 1)..<n { column[i] /= diagonal }
            }
            return true
        }
        guard factored else { return nil }
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i { l[i * n + j] = columns[j * n + i] }
        }
        return l
    }

    /// `L⁻¹ b` for a lower factor `L` (forward substitution).
    public static func forwardSubstitute(_ l: [Double], size n: Int, _ b: [Double]) -> [Double] {
        var x = b
        l.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { substitute(l, n, $0.baseAddress!, step: 1, transposed: false) }
        }
        return x
    }

    /// `L⁻ᵀ b` for a lower factor `L` (back substitution).
    public static func backSubstitute(_ l: [Double], size n: Int, _ b: [Double]) -> [Double] {
        var x = b
        l.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { substitute(l, n, $0.baseAddress!, step: 1, transposed: true) }
        }
        return x
    }

    /// `(LLᵀ)⁻¹ b` for a lower factor `L`.
    public static func solve(factor l: [Double], size n: Int, _ b: [Double]) -> [Double] {
        backSubstitute(l, size: n, forwardSubstitute(l, size: n, b))
    }

    /// `(LLᵀ)⁻¹ B` for a lower factor `L` and the `size × columns` row-major `B`: each
    /// column is the ``solve(factor:size:_:)`` of that column bit for bit (the same
    /// products subtracted in the same order), the columns handled side by side and each
    /// row's products subtracted four earlier rows at a time (one pass over the row).
    public static func solve(factor l: [Double], size n: Int, rightHandSides b: [Double], columns: Int) -> [Double] {
        precondition(l.count == n * n && b.count == n * columns, "L must be \(n)×\(n) and B \(n)×\(columns)")
        var x = b
        guard columns > 0 else { return x }
        l.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { x in
                let x = x.baseAddress!
                for i in 0..<n {
                    subtract(
                        from: x + i * columns, count: columns, rows: 0..<i, factors: { l[i * n + $0] }, x: x,
                        stride: columns)
                    divide(x + i * columns, by: l[i * n + i], count: columns)
                }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    subtract(
                        from: x + i * columns, count: columns, rows: (i + 1)..<n, factors: { l[$0 * n + i] }, x: x,
                        stride: columns)
                    divide(x + i * columns, by: l[i * n + i], count: columns)
                }
            }
        }
        return x
    }

    /// `row -= Σ factor(k) · x[k]` over the rows `k` in `rows` of `x` (row `k` at
    /// `x + k · stride`, `count` entries like `row`), subtracted in their order element by
    /// element, four rows per pass over `row`.
    @inline(__always)
    private static func subtract(
        from row: UnsafeMutablePointer<Double>, count: Int, rows: Range<Int>, factors: (Int) -> Double,
        x: UnsafeMutablePointer<Double>, stride: Int
    ) {
        var k0 = rows.lowerBound
        while k0 + 4 <= rows.upperBound {
            let (k1, k2, k3) = (k0 + 1, k0 + 2, k0 + 3)
            let (f0, f1, f2, f3) = (factors(k0), factors(k1), factors(k2), factors(k3))
            let (o0, o1, o2, o3) = (x + k0 * stride, x + k1 * stride, x + k2 * stride, x + k3 * stride)
            for c in 0..<count {
                var value = row[c]
                value -= f0 * o0[c]
                value -= f1 * o1[c]
                value -= f2 * o2[c]
                value -= f3 * o3[c]
                row[c] = value
            }
            k0 += 4
        }
        for k in k0..<rows.upperBound {
            let (factor, other) = (factors(k), x + k * stride)
            for c in 0..<count { row[c] -= factor * other[c] }
        }
    }

    /// `row /= divisor`, element by element.
    @inline(__always)
    private static func divide(_ row: UnsafeMutablePointer<Double>, by divisor: Double, count: Int) {
        for c in 0..<count { row[c] /= divisor }
    }

    /// Solves `L x = b` (or `Lᵀ x = b` when `transposed`) in place on the strided vector `x`.
    private static func substitute(
        _ l: UnsafeBufferPointer<Double>, _ n: Int, _ x: UnsafeMutablePointer<Double>, step: Int, transposed: Bool
    ) {
        if transposed {
            for i in stride(from: n - 1, through: 0, by: -1) {
                var sum = x[i * step]
                for k in (i + 1)..<n { sum -= l[k * n + i] * x[k * step] }
                x[i * step] = sum / l[i * n + i]
            }
        } else {
            for i in 0..<n {
                var sum = x[i * step]
                for k in 0..<i { sum -= l[i * n + k] * x[k * step] }
                x[i * step] = sum / l[i * n + i]
            }
        }
    }
}
