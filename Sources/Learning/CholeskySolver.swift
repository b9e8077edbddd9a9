/// Solves `A X = B` for a small symmetric positive-definite `A` by the Cholesky
/// factorization `A = LLᵀ` (Golub & Van Loan, *Matrix Computations*, §4.2), in `Double`:
/// the normal equations of ridge regressions (ALS, fold-in, LinUCB, calibration's feature
/// predictability).
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
        precondition(matrix.count == n * n && rightHandSides.count == n * columns, "A must be \(n)×\(n) and B \(n)×\(columns)")
        var l = matrix
        var x = rightHandSides
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
            }
            x.withUnsafeMutableBufferPointer { x in
                for column in 0..<columns {
                    for i in 0..<n {
                        for k in 0..<i { x[i * columns + column] -= l[i * n + k] * x[k * columns + column] }
                        x[i * columns + column] /= l[i * n + i]
                    }
                    for i in stride(from: n - 1, through: 0, by: -1) {
                        for k in (i + 1)..<n { x[i * columns + column] -= l[k * n + i] * x[k * columns + column] }
                        x[i * columns + column] /= l[i * n + i]
                    }
                }
            }
            return true
        }
        return factored ? x : nil
    }
}
