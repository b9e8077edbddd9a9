import Testing

@testable import Learning

/// First-layer products through the touched codes equal the products with the whole input.
@Suite("First-layer products through the codes")
struct FirstLayerCodesTests {
    @Test(
        "x·W and xᵀg through the codes equal the products with the encoding, with per-task tables, dense columns or not"
    )
    func matchesEncodedProducts() {
        var random = TestGenerator(seed: 21)
        let network = Fixtures.network(adapter: nil, random: &random)
        let batches = [4, 0, 3, 5].map { Fixtures.batch(for: network, rows: $0, random: &random) }
        let side = StackSide(batches: batches, objectives: batches.map { _ in .meanSquaredError(targets: []) })
        let sets = batches.map { _ in Fixtures.parameters(for: network, random: &random) }
        let width = network.hiddenWidths[0]
        let weight = random.matrix(network.inputWidth, width)
        let g = random.matrix(side.rows.totalRows, width)
        for dense in [true, false] {
            var x = Matrix(rows: side.rows.totalRows, columns: network.inputWidth)
            for (task, batch) in batches.enumerated() {
                var encoded = network.encode(batch, parameters: sets[task])
                if !dense {
                    encoded =
                        network.encodeTangent(batch, tangents: sets[task].tensors.map { $0 })
                        ?? Matrix(rows: batch.rows, columns: network.inputWidth)
                }
                x.replaceRows(from: side.rows[task].lowerBound, with: encoded)
            }
            var product = Matrix(rows: x.rows, columns: width)
            network.addFirstLayerProduct(
                x, side: side, tables: { sets[$1][$0] }, weight: weight, dense: dense, into: &product)
            #expect(
                FiniteDifference.relativeError(ParameterSet([product]), ParameterSet([Matrix.product(x, weight)]))
                    < 1e-5)
            var transposed = Matrix(rows: network.inputWidth, columns: width)
            network.addFirstLayerTransposedProduct(
                x, side: side, tables: { sets[$1][$0] }, gradient: g, dense: dense, into: &transposed)
            let expected = Matrix.product(x, g, transposeA: true)
            #expect(expected.dot(expected) > 0)
            #expect(FiniteDifference.relativeError(ParameterSet([transposed]), ParameterSet([expected])) < 1e-5)
        }
    }

    @Test(
        "Each field's code sums are Sᵀg of its own codes, bit for bit, when fields with the same rows, slots and weights (a user's) share one"
    )
    func codeSums() {
        var random = TestGenerator(seed: 22)
        let network = FeatureNetwork(
            fields: [
                .categorical(cardinality: 5, dimension: 3), .categorical(cardinality: 4, dimension: 2),
                .categorical(cardinality: 6, dimension: 3), .multiValued(cardinality: 4, dimension: 2),
                .dense(dimension: 2),
            ],
            hiddenWidths: [4], outputWidth: 1)
        let batches = [4, 1, 3].map { Fixtures.userBatch(for: network, rows: $0, userFields: 2, random: &random) }
        let side = StackSide(batches: batches, objectives: batches.map { _ in .meanSquaredError(targets: []) })
        let codes = side.touchedCodes
        #expect(codes[0]!.hasEntries(of: codes[1]!), "the user's two fields touch one slot per task alike")
        #expect(!codes[0]!.hasEntries(of: codes[2]!) && !codes[2]!.hasEntries(of: codes[3]!))
        let g = random.matrix(side.rows.totalRows, 3)
        let sums = network.codeSums(g, side: side)
        #expect(sums.count == codes.count && sums[4] == nil)
        for (sum, field) in zip(sums, codes) { #expect(sum == field.map { $0.sum(g) }) }
    }
}
