import COpenBLAS

// MARK: - Matrix products

extension Matrix {
    /// The product `op(a) · op(b)`, where `op` transposes when asked, computed by OpenBLAS's
    /// `cblas_sgemm`.
    public static func product(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let n = transposeB ? b.rows : b.columns
        var result = Matrix(rows: m, columns: n)
        result.addProduct(a, b, transposeA: transposeA, transposeB: transposeB, scale: 1)
        return result
    }

    /// Adds `scale · op(a) · op(b)` to this matrix in place (`cblas_sgemm` with `beta = 1`).
    public mutating func addProduct(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, scale: Float = 1) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kB, "inner dimensions differ: \(k) and \(kB)")
        precondition(rows == m && columns == n, "result is \(rows)×\(columns), product is \(m)×\(n)")
        guard m > 0, n > 0, k > 0 else { return }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                storage.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(
                        CblasRowMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        blasint(m), blasint(n), blasint(k),
                        scale, pa.baseAddress, blasint(a.columns),
                        pb.baseAddress, blasint(b.columns),
                        1, pc.baseAddress, blasint(n)
                    )
                }
            }
        }
    }
}

// MARK: - Library settings

/// Process-wide settings of the BLAS library.
public enum BLAS {
    /// Sets how many threads OpenBLAS may use for one call; callers that run several
    /// cells at once lower it so that cells and BLAS do not oversubscribe the cores.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS uses for one call.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS's description of its build (version, target, threading).
    public static var configuration: String { String(cString: openblas_get_config()) }
}
