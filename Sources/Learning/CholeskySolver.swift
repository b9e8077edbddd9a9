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
    /// is not positive definite.
    public static func factor(_ matrix: [Double], size n: Int) -> [Double]? {
        precondition(matrix.count == n * n, "A must be \(n)×\(n)")
        var l = matrix
        let factored = l.withUnsafeMutableBufferPointer { l -> Bool in
            for i in 0..<n {
                for j in 0...i {
                    var sum = l[i * n + j]
                    for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                    if i == j {
                        guard sum > 0 else { return false }
                        l[i * n + i] = sum.squareRoot()
                    } else {
                        l[i * n + j] = sum / l[j * n + j]
                    }
                }
                for j in (i + 1)..<n { l[i * n + j] = 0 }
            }
            return true
        }
        return factored ? l : nil
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
