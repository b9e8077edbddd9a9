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

    /// Rows of one user: the first `userFields` fields hold their first row's value in every row.
    private func batch(for network: FeatureNetwork, rows: Int, userFields: Int = 2, random: inout TestGenerator)
        -> FeatureBatch
    {
        let varied = Fixtures.batch(for: network, rows: rows, random: &random)
        let columns = varied.columns.enumerated().map { index, column -> InputColumn in
            guard index < userFields else { return column }
            switch column {
            case let .codes(codes): return .codes(Array(repeating: codes[0], count: rows))
            case let .lists(lists): return .lists(CodeLists(Array(repeating: Array(lists.codes(of: 0)), count: rows)))
            case let .dense(values):
                return .dense(
                    Matrix(
                        rows: rows, columns: values.columns,
                        storage: (0..<rows).flatMap { _ in values.storage.prefix(values.columns) }))
            }
        }
        return FeatureBatch(rows: rows, columns: columns)
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
            let input = batch(for: network, rows: 7, userFields: userList ? 3 : 2, random: &random)
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
        #expect(network.sharedLeadingColumns(batch(for: network, rows: 1, random: &random)) == 0)
        let input = FeatureBatch(
            rows: 2,
            columns: batch(for: network, rows: 2, random: &random).columns.enumerated().map { index, column in
                index == 0 ? .codes([0, 1]) : column
            })
        #expect(network.sharedLeadingColumns(input) == 0)
    }
}
