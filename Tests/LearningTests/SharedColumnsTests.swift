import Testing

@testable import Learning

/// The passes that take the first layer's products with the leading fields every row shares
/// once (a user's own features on one user's task), and skip those for the input gradient
/// and tangent of the dense fields after the last table, against the plain passes, up to
/// rounding.
@Suite("The first layer's shared leading columns entered once")
struct SharedColumnsTests {
    /// A user's categorical (and, with `userList`, list) and dense fields, then an item's
    /// categorical, list and dense fields.
    private func network(adapter: AdapterPlacement?, loss: String, userList: Bool = false) -> FeatureNetwork {
        FeatureNetwork(
            fields: [.categorical(cardinality: 4, dimension: 3)]
                + (userList ? [.multiValued(cardinality: 3, dimension: 2)] : []) + [
                    .dense(dimension: 2), .categorical(cardinality: 5, dimension: 3),
                    .multiValued(cardinality: 4, dimension: 2), .dense(dimension: 2),
                ],
            hiddenWidths: [6, 4], adapter: adapter, outputWidth: loss == "joint" ? 2 : 1)
    }

    @Test(
        "Loss, gradient and Hessian-vector product equal the plain passes' up to rounding",
        arguments: ["mse", "bce", "joint"], 0..<NetworkGradientTests.adapters.count)
    func samePasses(loss: String, adapterCase: Int) throws {
        for seed in UInt64(1)...4 {
            var random = TestGenerator(seed: seed + 100 * UInt64(adapterCase))
            let userList = seed.isMultiple(of: 2)
            let network = network(adapter: NetworkGradientTests.adapters[adapterCase], loss: loss, userList: userList)
            let parameters = Fixtures.parameters(for: network, random: &random)
            let input = Fixtures.userBatch(for: network, rows: 7, userFields: userList ? 3 : 2, random: &random)
            let objective = Fixtures.objective(loss, rows: 7, random: &random)
            let direction = Fixtures.direction(like: parameters, random: &random)
            let trace = network.forwardTrace(input, parameters: parameters, sharingLeadingColumns: true)
            #expect(
                trace.sharedColumns == (userList ? 7 : 5), "the user's categorical, list and dense fields are shared")
            #expect(
                trace.activeColumns == network.inputWidth - 2,
                "the products for the trailing dense field's input gradient and tangent are skipped")
            let shared = network.linearize(
                trace, batch: input, objective: objective, parameters: parameters, includeEncoder: true)
            let plain = network.linearize(input, objective: objective, parameters: parameters)
            #expect(FiniteDifference.relativeError(shared.derivatives.loss, plain.derivatives.loss) <= 1e-6)
            #expect(
                FiniteDifference.relativeError(shared.derivatives.gradient, plain.derivatives.gradient) <= 1e-5,
                "seed \(seed): gradient")
            let products = [shared, plain].map { point in
                network.hessianVectorProduct(
                    at: point, batch: input, objective: objective, parameters: parameters, direction: direction)
            }
            #expect(FiniteDifference.relativeError(products[0], products[1]) <= 1e-5, "seed \(seed): Hv")
        }
    }

    @Test("One row, or a first field that varies, shares nothing")
    func nothingShared() {
        var random = TestGenerator(seed: 3)
        let network = network(adapter: nil, loss: "mse")
        #expect(network.sharedLeadingColumns(Fixtures.userBatch(for: network, rows: 1, random: &random)) == 0)
        let input = FeatureBatch(
            rows: 2,
            columns: Fixtures.userBatch(for: network, rows: 2, random: &random).columns.enumerated().map {
                index, column in
                index == 0 ? .codes([0, 1]) : column
            })
        #expect(network.sharedLeadingColumns(input) == 0)
    }
}

/// The products of one task's block of rows whose leading columns the rows share.
@Suite("Row-block products with shared leading columns")
struct SharedRowProductTests {
    /// Rows 2..<7 of a 9-row matrix share their first `shared` columns.
    private func sharingBlock(shared: Int, random: inout TestGenerator) -> Matrix {
        var h = random.matrix(9, 6)
        for row in 3..<7 {
            for column in 0..<shared { h[row, column] = h[2, column] }
        }
        return h
    }

    @Test("h[rows]·b with the shared columns once equals the plain product", arguments: [0, 1, 4, 6])
    func product(shared: Int) {
        var random = TestGenerator(seed: UInt64(shared + 1))
        let h = sharingBlock(shared: shared, random: &random)
        let b = random.matrix(6, 5)
        let (result, start) = expectPlain(
            rows: 9, random: &random, { $0.addProduct(h, rows: 2..<7, b, rows: 0..<6, intoRows: 2..<7) },
            { $0.addProduct(h, rows: 2..<7, sharing: shared, b) })
        #expect(result.rows(0..<2) == start.rows(0..<2) && result.rows(7..<9) == start.rows(7..<9))
    }

    @Test(
        "h[rows]ᵀ·g[rows] with the shared columns' rows from the summed g equals the plain product",
        arguments: [0, 1, 4, 6])
    func transposedProduct(shared: Int) {
        var random = TestGenerator(seed: UInt64(shared + 11))
        let h = sharingBlock(shared: shared, random: &random)
        let g = random.matrix(9, 5)
        _ = expectPlain(
            rows: 6, random: &random,
            { $0.addProduct(h, rows: 2..<7, g, rows: 2..<7, transposeA: true, intoRows: 0..<6) },
            { $0.addTransposedProduct(h, rows: 2..<7, sharing: shared, g, sums: g.columnSums(rows: 2..<7)) })
    }

    /// Applies `plain` and `kernel` to the same random `rows × 5` start and expects equal
    /// results up to rounding; returns the kernel's result and the start.
    private func expectPlain(
        rows: Int, random: inout TestGenerator, _ plain: (inout Matrix) -> Void, _ kernel: (inout Matrix) -> Void
    ) -> (result: Matrix, start: Matrix) {
        let start = random.matrix(rows, 5)
        var expected = start
        plain(&expected)
        var result = start
        kernel(&result)
        #expect(FiniteDifference.relativeError(ParameterSet([result]), ParameterSet([expected])) < 1e-6)
        return (result, start)
    }

    @Test(
        "A fresh h[rows]ᵀ·g[rows] (written by the products, never zero-filled) equals the plain product, in blocks too, every column shared included",
        arguments: [0, 4, 6])
    func freshTransposedProduct(shared: Int) {
        var random = TestGenerator(seed: UInt64(shared + 21))
        for (height, width) in [(9, 6), (300, 120)] {
            // Earlier garbage in freed memory must not leak into the result.
            _ = (0..<4).map { _ in Matrix(rows: width, columns: 40, repeating: .nan) }
            var h = random.matrix(height, width)
            for row in 3..<(height - 2) {
                for column in 0..<shared { h[row, column] = h[2, column] }
            }
            let g = random.matrix(height, 40)
            let block = 2..<(height - 2)
            var expected = Matrix(rows: width, columns: 40)
            expected.addProduct(h, rows: block, g, rows: block, transposeA: true, intoRows: 0..<width)
            let result = Matrix.transposedProduct(h, rows: block, sharing: shared, g, sums: g.columnSums(rows: block))
            #expect(result.isFinite)
            #expect(FiniteDifference.relativeError(ParameterSet([result]), ParameterSet([expected])) < 1e-5)
        }
        #expect(
            Matrix.transposedProduct(random.matrix(3, 2), rows: 1..<1, random.matrix(3, 4))
                == Matrix(rows: 2, columns: 4))
    }
}
