import Testing

@testable import Learning

@Suite("Matrix products on BLAS")
struct MatrixProductTests {
    private func naive(_ a: Matrix, _ b: Matrix) -> Matrix {
        var result = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var total: Float = 0
                for k in 0..<a.columns { total += a[i, k] * b[k, j] }
                result[i, j] = total
            }
        }
        return result
    }

    private func random(_ rows: Int, _ columns: Int, seed: Int) -> Matrix {
        Matrix(
            rows: rows, columns: columns, storage: (0..<(rows * columns)).map { Float(($0 * 7 + seed * 13) % 11) - 5 })
    }

    @Test("A 2×3 by 3×2 product, by hand")
    func handComputed() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        #expect(Matrix.product(a, b) == Matrix([[58, 64], [139, 154]]))
    }

    @Test("Transposed operands agree with explicit transposes", arguments: [(3, 4, 5), (1, 7, 2), (6, 1, 3)])
    func transposes(m: Int, k: Int, n: Int) {
        let a = random(m, k, seed: 1)
        let b = random(k, n, seed: 2)
        let expected = naive(a, b)
        #expect(Matrix.product(a, b) == expected)
        #expect(Matrix.product(a.transposed, b, transposeA: true) == expected)
        #expect(Matrix.product(a, b.transposed, transposeB: true) == expected)
        #expect(Matrix.product(a.transposed, b.transposed, transposeA: true, transposeB: true) == expected)
    }

    @Test("The BLAS thread count can be set")
    func threads() {
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
        #expect(BLAS.configuration.contains("OpenBLAS"))
    }
}
