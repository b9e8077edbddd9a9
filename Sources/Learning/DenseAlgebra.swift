import COpenBLAS

/// Small dense `Double` kernels on row-major arrays for the Bayesian head's `m × m`
/// algebra, where `m` (features plus one) is small and `Double` keeps the posterior
/// well conditioned.
enum DenseAlgebra {
    /// `C += scale · op(A) · op(B)` for row-major `Double` operands (`C` is `m × n`, the
    /// inner dimension `k`), by OpenBLAS's `cblas_dgemm` issued in blocks of rows and of
    /// the inner dimension of at most ``BLAS/blockVolume`` multiply-adds each, which
    /// OpenBLAS computes on the calling thread: the same blocks, hence the same sums,
    /// whatever its thread count.
    static func addProduct(
        _ c: inout [Double], m: Int, n: Int, k: Int, _ a: [Double], transposeA: Bool = false, _ b: [Double],
        transposeB: Bool = false, scale: Double = 1
    ) {
        precondition(c.count == m * n && a.count == m * k && b.count == k * n, "C must be m×n, A m×k and B k×n")
        guard m > 0, n > 0, k > 0 else { return }
        let rowBlock = min(m, max(1, BLAS.blockVolume / n))
        let depthBlock = min(k, max(1, BLAS.blockVolume / (rowBlock * n)))
        let (lda, ldb) = (transposeA ? m : k, transposeB ? k : n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    for k0 in stride(from: 0, to: k, by: depthBlock) {
                        let kk = min(depthBlock, k - k0)
                        for i0 in stride(from: 0, to: m, by: rowBlock) {
                            cblas_dgemm(
                                CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                blasint(min(rowBlock, m - i0)), blasint(n), blasint(kk), scale,
                                a.baseAddress! + (transposeA ? k0 * lda + i0 : i0 * lda + k0), blasint(lda),
                                b.baseAddress! + (transposeB ? k0 : k0 * ldb), blasint(ldb),
                                1, c.baseAddress! + i0 * n, blasint(n))
                        }
                    }
                }
            }
        }
    }

    /// `A v` for the `n × n` matrix `A`, `n = v.count`.
    static func product(_ a: [Double], _ v: [Double]) -> [Double] {
        let n = v.count
        return a.withUnsafeBufferPointer { a in
            (0..<n).map { i in
                var total = 0.0
                for j in 0..<n { total += a[i * n + j] * v[j] }
                return total
            }
        }
    }

    /// `A B` for the `n × n` matrix `A` (`n = size`) and the `n × columns` row-major `B`: each column is
    /// ``product(_:_:)`` of `A` and that column bit for bit (the same products added in the
    /// same order), the columns computed side by side.
    static func product(_ a: [Double], size n: Int, _ b: [Double], columns: Int) -> [Double] {
        precondition(a.count == n * n && b.count == n * columns, "A must be n×n and B n×\(columns)")
        var result = [Double](repeating: 0, count: n * columns)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { result in
                    for i in 0..<n {
                        let row = result.baseAddress! + i * columns
                        for j in 0..<n {
                            let (factor, other) = (a[i * n + j], b.baseAddress! + j * columns)
                            for c in 0..<columns { row[c] += factor * other[c] }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Column `column` of the `rows × columns` row-major `matrix`.
    static func column(_ column: Int, of matrix: [Double], columns: Int) -> [Double] {
        stride(from: column, to: matrix.count, by: columns).map { matrix[$0] }
    }

    /// `A += scale · u vᵀ`: row `i` gains `(scale · uᵢ) · v`, rows with `uᵢ = 0` untouched.
    static func addOuter(_ a: inout [Double], _ u: [Double], _ v: [Double], scale: Double) {
        let n = v.count
        precondition(a.count == u.count * n, "A must be \(u.count)×\(n)")
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeBufferPointer { v in
                for i in u.indices where u[i] != 0 {
                    let (factor, row) = (scale * u[i], a.baseAddress! + i * n)
                    for j in 0..<n { row[j] += factor * v[j] }
                }
            }
        }
    }

    /// `x += scale · y`.
    static func add(_ x: inout [Double], _ y: [Double], scale: Double = 1) {
        precondition(x.count == y.count, "x and y must have one length")
        x.withUnsafeMutableBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                for i in 0..<x.count { x[i] += scale * y[i] }
            }
        }
    }

    /// `x · y`.
    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var total = 0.0
        for i in x.indices { total += x[i] * y[i] }
        return total
    }
}
