import Testing

@testable import Learning

/// A direction kept as factors `D_t = L_tᵀ R_t` multiplies like the formed matrix.
@Suite("Factored directions")
struct DirectionFactorsTests {
    @Test("h·D_t, g·D_tᵀ and a column block of g·D_tᵀ equal the products with D_t formed, an empty task included")
    func matchesFormedDirection() {
        var random = TestGenerator(seed: 31)
        let rows = RowSegments(lengths: [3, 0, 4])
        let factors = DirectionFactors(
            left: random.matrix(rows.totalRows, 6), right: random.matrix(rows.totalRows, 5), rows: rows)
        let hRows = RowSegments(lengths: [2, 3, 2])
        let h = random.matrix(hRows.totalRows, 6)
        let g = random.matrix(hRows.totalRows, 5)
        var product = Matrix(rows: hRows.totalRows, columns: 5)
        var transposed = Matrix(rows: hRows.totalRows, columns: 6)
        var block = Matrix(rows: hRows.totalRows, columns: 3)
        var expected = (product, transposed, block)
        for task in 0..<rows.count {
            var direction = Matrix(rows: 6, columns: 5)
            direction.addProduct(
                factors.left, rows: rows[task], factors.right, rows: rows[task], transposeA: true, intoRows: 0..<6)
            expected.0.addProduct(h, rows: hRows[task], direction, rows: 0..<6, intoRows: hRows[task])
            expected.1.addProduct(
                g, rows: hRows[task], direction, rows: 0..<6, transposeB: true, intoRows: hRows[task])
            expected.2.addProduct(
                g, rows: hRows[task], direction, rows: 2..<5, transposeB: true, intoRows: hRows[task])
            factors.addProduct(h, rows: hRows[task], task: task, into: &product)
            factors.addTransposedProduct(g, rows: hRows[task], task: task, into: &transposed)
            factors.addTransposedProduct(
                g, rows: hRows[task], task: task, columns: 2..<5, into: &block, rows: hRows[task])
        }
        #expect(expected.0.dot(expected.0) > 0 && expected.2.dot(expected.2) > 0)
        #expect(FiniteDifference.relativeError(ParameterSet([product]), ParameterSet([expected.0])) < 1e-5)
        #expect(FiniteDifference.relativeError(ParameterSet([transposed]), ParameterSet([expected.1])) < 1e-5)
        #expect(FiniteDifference.relativeError(ParameterSet([block]), ParameterSet([expected.2])) < 1e-5)
    }
}
