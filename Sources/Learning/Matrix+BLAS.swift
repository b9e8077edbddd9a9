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
    ///
    /// The product is issued in blocks of at most ``BLAS/blockVolume`` multiply-adds, which
    /// OpenBLAS always computes on the calling thread: its threaded path sums in a different
    /// order, so one large call would give results that depend on the thread count. Blocks
    /// split the output first, keeping whole the dimension of the larger operand so that
    /// OpenBLAS re-packs only the smaller one per block, and the inner dimension only when it
    /// alone is too long, always in the same order, so results are the same whatever
    /// ``BLAS/setThreadCount(_:)`` says. Parallelism comes from running tasks side by side
    /// (``TaskParallel``) instead.
    public mutating func addProduct(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, scale: Float = 1
    ) {
        addProduct(
            a, rows: 0..<a.rows, b, rows: 0..<b.rows, transposeA: transposeA, transposeB: transposeB, scale: scale,
            intoRows: 0..<rows)
    }

    /// Adds `scale · op(a[aRows]) · op(b[bRows])` to rows `intoRows` of this matrix, where
    /// `m[r]` is the block of rows `r` of `m`, used in place: the products of stacked tasks
    /// (one row block per task) need no copies.
    public mutating func addProduct(
        _ a: Matrix, rows aRows: Range<Int>, _ b: Matrix, rows bRows: Range<Int>,
        transposeA: Bool = false, transposeB: Bool = false, scale: Float = 1, intoRows: Range<Int>
    ) {
        precondition(
            aRows.lowerBound >= 0 && aRows.upperBound <= a.rows && bRows.lowerBound >= 0 && bRows.upperBound <= b.rows,
            "row blocks outside the operands")
        precondition(intoRows.lowerBound >= 0 && intoRows.upperBound <= rows, "row block outside the result")
        let m = transposeA ? a.columns : aRows.count
        let k = transposeA ? aRows.count : a.columns
        let kB = transposeB ? b.columns : bRows.count
        let n = transposeB ? bRows.count : b.columns
        precondition(k == kB, "inner dimensions differ: \(k) and \(kB)")
        precondition(
            intoRows.count == m && columns == n, "result is \(intoRows.count)×\(columns), product is \(m)×\(n)")
        guard m > 0, n > 0, k > 0 else { return }
        let (lda, ldb) = (a.columns, b.columns)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                storage.withUnsafeMutableBufferPointer { pc in
                    BLAS.blockedProduct(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, scale: scale,
                        a: pa.baseAddress! + aRows.lowerBound * lda, lda: lda,
                        b: pb.baseAddress! + bRows.lowerBound * ldb, ldb: ldb,
                        c: pc.baseAddress! + intoRows.lowerBound * n, ldc: n
                    )
                }
            }
        }
    }
}

// MARK: - Blocked products

extension BLAS {
    /// `C += scale · op(A) · op(B)` on raw row-major operands, issued in blocks of at most
    /// ``blockVolume`` multiply-adds (see ``Matrix/addProduct(_:_:transposeA:transposeB:scale:)``).
    ///
    /// `beta` multiplies `C` first (`C ← beta · C + scale · op(A) · op(B)`); with 0, `C` is
    /// only written, never read, so it may be uninitialized memory.
    static func blockedProduct(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, scale: Float, beta: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let depthBlock = min(k, blockVolume)
        var rowBlock = m
        var columnBlock = n
        if m * depthBlock <= depthBlock * n {
            rowBlock = min(m, max(1, blockVolume / depthBlock))
            columnBlock = min(n, max(1, blockVolume / (depthBlock * rowBlock)))
        } else {
            columnBlock = min(n, max(1, blockVolume / depthBlock))
            rowBlock = min(m, max(1, blockVolume / (depthBlock * columnBlock)))
        }
        for k0 in stride(from: 0, to: k, by: depthBlock) {
            let kk = min(depthBlock, k - k0)
            for i0 in stride(from: 0, to: m, by: rowBlock) {
                let mm = min(rowBlock, m - i0)
                for j0 in stride(from: 0, to: n, by: columnBlock) {
                    let nn = min(columnBlock, n - j0)
                    cblas_sgemm(
                        CblasRowMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        blasint(mm), blasint(nn), blasint(kk),
                        scale, a + (transposeA ? k0 * lda + i0 : i0 * lda + k0), blasint(lda),
                        b + (transposeB ? j0 * ldb + k0 : k0 * ldb + j0), blasint(ldb),
                        k0 == 0 ? beta : 1, c + i0 * ldc + j0, blasint(ldc)
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

    /// The most multiply-adds issued in one `cblas_sgemm` call: OpenBLAS's threading
    /// threshold (a call with `m·n·k ≤ 65536 · 4` runs on the calling thread; checked by
    /// the blocked-product and determinism tests).
    public static let blockVolume = 262_144

    /// OpenBLAS's description of its build (version, target, threading).
    public static var configuration: String { String(cString: openblas_get_config()) }
}
