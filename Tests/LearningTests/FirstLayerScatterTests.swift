import Testing

@testable import Learning

/// The embedding tables' part of a first-layer input gradient, summed per touched code
/// before the product, equals scattering the whole input gradient.
@Suite("Table gradients through the first layer")
struct FirstLayerScatterTests {
    @Test(
        "Per-code sums times the field's weight rows equal scattering g · Wᵀ, per task or summed, shared or per-task weights",
        arguments: [false, true])
    func matchesScatteredInputGradient(separately: Bool) {
        var random = TestGenerator(seed: separately ? 11 : 12)
        let network = Fixtures.network(adapter: nil, random: &random)
        let batches = [4, 0, 3, 5].map { Fixtures.batch(for: network, rows: $0, random: &random) }
        let side = StackSide(batches: batches, objectives: batches.map { _ in .meanSquaredError(targets: []) })
        let width = network.hiddenWidths[0]
        let g = random.matrix(side.rows.totalRows, width)
        let h = random.matrix(side.rows.totalRows, 2)
        let shared = random.matrix(network.inputWidth, width)
        let perTask: [Matrix?] = [
            random.matrix(network.inputWidth, 2), nil, random.matrix(network.inputWidth, 2),
            random.matrix(network.inputWidth, 2),
        ]
        for terms in [
            [FirstLayerTerm(g, weights: .shared(ParameterSet([shared])), index: 0, tasks: batches.count)],
            [
                FirstLayerTerm(g, weights: .shared(ParameterSet([shared])), index: 0, tasks: batches.count),
                FirstLayerTerm(
                    h, directions: perTask.map { ParameterSet([$0 ?? Matrix(rows: network.inputWidth, columns: 2)]) },
                    index: 0),
            ],
        ] {
            var expectedTasks = Array(repeating: network.zeros, count: batches.count)
            var expectedSum = network.zeros
            for task in batches.indices {
                let rows = side.rows[task]
                var gx = Matrix(rows: rows.count, columns: network.inputWidth)
                for term in terms {
                    guard let weight = term.isShared ? term.weights[0] : term.weights[task] else { continue }
                    gx.addProduct(
                        term.gradient, rows: rows, weight, rows: 0..<weight.rows, transposeB: true,
                        intoRows: 0..<rows.count)
                }
                if separately {
                    network.scatterInputGradient(gx, batch: batches[task], into: &expectedTasks[task])
                } else {
                    network.scatterInputGradient(gx, batch: batches[task], into: &expectedSum)
                }
            }
            var tasks = Array(repeating: network.zeros, count: batches.count)
            var sum = network.zeros
            network.scatterThroughFirstLayer(terms, side: side, separately: separately, perTask: &tasks, sum: &sum)
            for index in network.encoderIndices {
                if separately {
                    for task in batches.indices {
                        #expect(
                            FiniteDifference.relativeError(
                                ParameterSet([tasks[task][index]]), ParameterSet([expectedTasks[task][index]])) < 1e-5)
                    }
                    #expect(sum[index].isZero)
                } else {
                    #expect(expectedSum[index].dot(expectedSum[index]) > 0)
                    #expect(
                        FiniteDifference.relativeError(ParameterSet([sum[index]]), ParameterSet([expectedSum[index]]))
                            < 1e-5)
                    #expect(tasks.allSatisfy { $0[index].isZero })
                }
            }
            #expect(tasks.allSatisfy { set in network.decisionIndices.allSatisfy { set[$0].isZero } })
        }
    }
}
