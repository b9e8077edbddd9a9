import COpenBLAS

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
    /// the row-by-row algorithm subtracts them, so the factor is the same bit for bit.
    public static func factor(_ matrix: [Double], size n: Int) -> [Double]? {
        precondition(matrix.count == n * n, "A must be \(n)×\(n)")
        // `columns[j * n + i]` holds `lᵢⱼ`: a column of `L` is contiguous.
        var columns = [Double](repeating: 0, count: n * n)
        let factored = columns.withUnsafeMutableBufferPointer { columns -> Bool in
            let t = columns.baseAddress!
            for j in 0..<n {
                let column = t + j * n
                for i in j..<n { column[i] = matrix[i * n + j] }
                for k in 0..<j {
                    let (factor, earlier) = (t[k * n + j], t + k * n)
                    for i in j..<n { column[i] -= earlier[i] * factor }
                }
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

    /// `(LLᵀ)⁻¹ B` for a lower factor `L` and the `size × columns` row-major `B`: the two
    /// triangular solves by OpenBLAS's `cblas_dtrsm`, every column at once — each column
    /// ``solve(factor:size:_:)`` of that column up to the order of the sums. Each column's
    /// arithmetic is its own, whatever OpenBLAS's thread count (checked by the
    /// determinism tests).
    public static func solve(factor l: [Double], size n: Int, rightHandSides b: [Double], columns: Int) -> [Double] {
        precondition(l.count == n * n && b.count == n * columns, "L must be \(n)×\(n) and B \(n)×\(columns)")
        var x = b
        guard columns > 0, n > 0 else { return x }
        l.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { x in
                for transpose in [CblasNoTrans, CblasTrans] {
                    cblas_dtrsm(
                        CblasRowMajor, CblasLeft, CblasLower, transpose, CblasNonUnit, blasint(n), blasint(columns), 1,
                        l.baseAddress!, blasint(n), x.baseAddress!, blasint(columns))
                }
            }
        }
        return x
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
