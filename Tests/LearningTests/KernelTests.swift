import Testing

@testable import Learning

/// The hand-vectorized kernels agree with their one-entry-at-a-time definitions, in the
/// eight-lane body and in the tail.
@Suite("Vectorized kernels")
struct KernelTests {
    @Test("ReLU mask zeroes entries whose mask is not positive, NaN included", arguments: [5, 8, 19])
    func mask(count: Int) {
        var random = TestGenerator(seed: UInt64(count))
        let values = random.matrix(1, count)
        var mask = random.matrix(1, count)
        mask.storage[count / 2] = .nan
        mask.storage[0] = 0
        var masked = values
        masked.zeroWhereNotPositive(mask)
        for i in 0..<count {
            #expect(masked.storage[i] == (mask.storage[i] > 0 ? values.storage[i] : 0))
        }
    }

    @Test(
        "A row added to each row of a block or of a copy (rectified or not) or scaled per row, a row stacked, a block's column sums and rectification in place give the entry-by-entry values",
        arguments: [1, 8, 13])
    func rowBroadcast(width: Int) {
        var random = TestGenerator(seed: UInt64(width))
        let values = random.matrix(5, width)
        let row = random.matrix(1, width)
        var added = values
        added.addToEachRow(row, rows: 1..<4)
        for r in 0..<5 {
            for c in 0..<width {
                #expect(added[r, c] == ((1..<4).contains(r) ? values[r, c] + row[0, c] : values[r, c]))
            }
        }
        let sums = values.columnSums(rows: 1..<5)
        for c in 0..<width {
            var sum: Float = 0
            for r in 1..<5 { sum += values[r, c] }
            #expect(sums[0, c] == sum)
        }
        let plus = values.rows(1..<4, plus: row)
        let plusRectified = values.rows(1..<4, plus: row, rectifying: true)
        let stacked = Matrix(rows: 3, repeatingRow: row)
        #expect(plus.rows == 3 && plus.columns == width && stacked.rows == 3 && stacked.columns == width)
        for r in 0..<3 {
            for c in 0..<width {
                #expect(plus[r, c] == values[r + 1, c] + row[0, c])
                #expect(plusRectified[r, c] == max(values[r + 1, c] + row[0, c], 0))
                #expect(stacked[r, c] == row[0, c])
            }
        }
        let scales = (0..<5).map { Float($0) - 1.5 }
        var outer = values
        outer.addScaledRow(row, row: 0, scales: scales)
        for r in 0..<5 {
            for c in 0..<width { #expect(outer[r, c] == values[r, c] + scales[r] * row[0, c]) }
        }
        var rectified = values
        rectified.rectify()
        #expect(rectified.storage == values.storage.map { max($0, 0) })
        #expect(values.rectified == rectified)
    }

    @Test(
        "A matrix is finite unless an entry is infinite or NaN, wherever it lies (eight-lane body or tail)",
        arguments: [0, 5, 8, 19])
    func finiteness(count: Int) {
        var random = TestGenerator(seed: UInt64(count) + 40)
        let values = random.matrix(1, count)
        #expect(values.isFinite)
        #expect(Matrix(rows: 3, columns: 2, storage: [0, -0.0, .greatestFiniteMagnitude, 1, -2, 3]).isFinite)
        for position in 0..<count {
            for bad in [Float.nan, .infinity, -.infinity] {
                var broken = values
                broken.storage[position] = bad
                #expect(!broken.isFinite, "entry \(position) of \(count) is \(bad)")
            }
        }
    }

    @Test("Embedding lookups and scatters move whole rows", arguments: [3, 8, 11])
    func embeddingRows(dimension: Int) {
        var random = TestGenerator(seed: UInt64(dimension))
        let table = EmbeddingTable(cardinality: 4, dimension: dimension)
        let weights = random.matrix(4, dimension)
        let codes: [Int32] = [2, 0, 2, 3]
        var output = Matrix(rows: 4, columns: dimension + 2)
        table.lookup(codes, table: weights, into: &output, columnOffset: 1)
        for (row, code) in codes.enumerated() {
            #expect(output[row, 0] == 0 && output[row, dimension + 1] == 0)
            for d in 0..<dimension { #expect(output[row, 1 + d] == weights[Int(code), d]) }
        }
        let gradient = random.matrix(4, dimension + 2)
        var tableGradient = Matrix(rows: 4, columns: dimension)
        table.scatter(codes, gradient: gradient, columnOffset: 1, into: &tableGradient)
        var pooledGradient = Matrix(rows: 4, columns: dimension)
        table.scatterMean(
            CodeLists([[2], [0, 2], [], [3, 3]]), gradient: gradient, columnOffset: 1, into: &pooledGradient)
        for d in 0..<dimension {
            #expect(tableGradient[1, d] == 0)
            #expect(tableGradient[2, d] == gradient[0, 1 + d] + gradient[2, 1 + d])
            #expect(tableGradient[3, d] == gradient[3, 1 + d])
            #expect(pooledGradient[2, d] == gradient[0, 1 + d] + 0.5 * gradient[1, 1 + d])
            #expect(pooledGradient[3, d] == 0.5 * gradient[3, 1 + d] + 0.5 * gradient[3, 1 + d])
        }
    }
}
