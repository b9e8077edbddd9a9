import Testing

@testable import Learning

/// The stacked weighted gradient against the batches' own gradients, weighted and summed.
@Suite("Weighted gradients of many batches through one stacked pass")
struct WeightedGradientTests {
    @Test(
        "Σ weight · gradient of each batch, with the first layer through the codes, is the plain weighted sum",
        arguments: ["mse", "bce", "bpr", "softmax", "joint"])
    func weightedSum(kind: String) {
        var random = TestGenerator(seed: 31)
        let network = Fixtures.network(adapter: nil, random: &random, loss: kind)
        let parameters = Fixtures.parameters(for: network, random: &random)
        let sizes = [5, 1, 8, 3]
        let batches = sizes.map { Fixtures.batch(for: network, rows: $0, random: &random) }
        let objectives = sizes.map { Fixtures.objective(kind, rows: $0, random: &random) }
        let weights = sizes.map { Float($0) / 17 }
        let stacked = network.weightedGradient(
            batches, objectives: objectives, weights: weights, parameters: parameters)
        var expected = ParameterSet(zerosLike: parameters)
        for (batch, (objective, weight)) in zip(batches, zip(objectives, weights)) {
            let gradient = network.gradient(batch, objective: objective, parameters: parameters).gradient
            expected.add(gradient, scaledBy: weight)
        }
        #expect(network.encoderIndices.contains { !expected[$0].isZero }, "embedding tables that get a gradient")
        for (got, want) in zip(stacked.tensors, expected.tensors) {
            #expect(got.rows == want.rows && got.columns == want.columns)
            #expect(zip(got.storage, want.storage).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        }
    }

    @Test("Inner steps whose gradients go through the codes are the plain inner steps", arguments: ["mse", "bpr"])
    func stepsThroughCodes(kind: String) {
        var random = TestGenerator(seed: 32)
        let network = Fixtures.network(adapter: nil, random: &random, loss: kind)
        let parameters = Fixtures.parameters(for: network, random: &random)
        let support = Fixtures.batch(for: network, rows: 6, random: &random)
        let objective = Fixtures.objective(kind, rows: 6, random: &random)
        let plain = InnerLoop(network: network, adaptedIndices: network.allIndices, steps: 3, learningRate: 0.05)
        var coded = plain
        coded.stepsThroughCodes = true
        let expected = plain.adapt(parameters, support: support, objective: objective)
        let got = coded.adapt(parameters, support: support, objective: objective)
        #expect(expected != parameters, "steps that move the parameters")
        for (x, y) in zip(got.tensors, expected.tensors) {
            #expect(zip(x.storage, y.storage).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        }
    }

    @Test(
        "A stacked pass reads only the dense fields' columns of its input: with the tables' columns zero (taken once for an inner loop's steps) the outputs and the pull-back are the full encoding's, bit for bit"
    )
    func denseInput() throws {
        var random = TestGenerator(seed: 33)
        let network = Fixtures.network(adapter: nil, random: &random, loss: "joint")
        let parameters = Fixtures.parameters(for: network, random: &random)
        let batches = [6, 3].map { Fixtures.userBatch(for: network, rows: $0, userFields: 1, random: &random) }
        let objectives = [6, 3].map { Fixtures.objective("joint", rows: $0, random: &random) }
        let side = StackSide(batches: batches, objectives: objectives)
        let full = network.encode(side.batch, parameters: parameters)
        let dense = try #require(network.stackedPassInput(side))
        #expect(dense != full, "tables' columns left out")
        let stacked = network.stackedPass(side, parameters: parameters, input: dense)
        let encoded = network.stackedPass(side, parameters: parameters, input: full)
        #expect(stacked.output == encoded.output)
        let outputGradient = random.matrix(side.rows.totalRows, network.outputWidth)
        #expect(
            network.stackedPullback(stacked, side: side, parameters: parameters, outputGradient: outputGradient)
                == network.stackedPullback(encoded, side: side, parameters: parameters, outputGradient: outputGradient))
        let shallow = FeatureNetwork(fields: network.fields, hiddenWidths: [], adapter: nil, outputWidth: 1)
        #expect(shallow.stackedPassInput(side) == nil, "without hidden layers the pull-back reads the whole input")
    }
}
