/// Solves `A·x = b` for a small symmetric positive-definite `A` by Cholesky factorization,
/// in `Double`: the normal equations of ridge regressions (ALS, fold-in, LinUCB).
enum CholeskySolver {
    /// The solution of `A·x = b`, `A` given row-major as `n × n`; `nil` when `A` is not
    /// positive definite.
    static func solve(_ a: [Double], _ b: [Double]) -> [Double]? {
        let n = b.count
        precondition(a.count == n * n, "A must be \(n)×\(n)")
        var l = a
        var y = b
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
            y.withUnsafeMutableBufferPointer { y in
                for i in 0..<n {
                    for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
                    y[i] /= l[i * n + i]
                }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    for k in (i + 1)..<n { y[i] -= l[k * n + i] * y[k] }
                    y[i] /= l[i * n + i]
                }
            }
            return true
        }
        return factored ? y : nil
    }
}
