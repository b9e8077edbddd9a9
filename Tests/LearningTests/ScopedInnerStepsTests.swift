import Testing

@testable import Learning

/// Inner steps that differentiate only the adapted tensors and take an invariant first
/// layer once, against the plain steps: the full gradient at every step.
@Suite("Inner steps scoped to the adapted tensors")
struct ScopedInnerStepsTests {
    @Test(
        "Adaptation of a scope is the plain gradient steps on it",
        arguments: [("lowRank", "mse"), ("lowRank", "bpr"), ("film", "mse"), ("head", "mse"), ("decision", "bce")])
    func scopedSteps(scope: String, kind: String) {
        var random = TestGenerator(seed: 41)
        let network = Fixtures.network(adapter: Fixtures.adapter(for: scope), random: &random, loss: kind)
        let parameters = Fixtures.parameters(for: network, random: &random)
        let support = Fixtures.batch(for: network, rows: 7, random: &random)
        let objective = Fixtures.objective(kind, rows: 7, random: &random)
        let adapted = scope == "head" ? network.headIndices : Fixtures.adaptedIndices(for: scope, in: network)
        let loop = InnerLoop(network: network, adaptedIndices: adapted, steps: 3, learningRate: 0.3)
        var expected = parameters
        for _ in 0..<3 {
            let gradient = network.gradient(support, objective: objective, parameters: expected).gradient
            for index in adapted { expected[index] = expected[index].subtracting(gradient[index], scaledBy: 0.3) }
        }
        let got = loop.adapt(parameters, support: support, objective: objective)
        #expect(expected != parameters, "steps that move the parameters")
        for (x, y) in zip(got.tensors, expected.tensors) {
            #expect(x.rows == y.rows && x.columns == y.columns)
            #expect(zip(x.storage, y.storage).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        }
    }

    @Test(
        "A backward pass restricted to some layers gives their gradients and the adapter's",
        arguments: ["lowRank", "film"])
    func restrictedBackward(scope: String) {
        var random = TestGenerator(seed: 42)
        let network = Fixtures.network(adapter: Fixtures.adapter(for: scope), random: &random)
        let parameters = Fixtures.parameters(for: network, random: &random)
        let batch = Fixtures.batch(for: network, rows: 6, random: &random)
        let objective = Fixtures.objective("mse", rows: 6, random: &random)
        let full = network.gradient(batch, objective: objective, parameters: parameters, includeEncoder: false)
        let only = Set(network.adapterIndices + network.headIndices)
        let restricted = network.linearize(
            network.forwardTrace(batch, parameters: parameters), batch: batch, objective: objective,
            parameters: parameters, includeEncoder: false, only: only
        ).derivatives
        #expect(restricted.loss == full.loss)
        for index in network.allIndices {
            let want = only.contains(index) ? full.gradient[index] : network.zeros[index]
            #expect(!only.contains(index) || !want.isZero, "a non-zero gradient to compare at \(index)")
            #expect(
                zip(restricted.gradient[index].storage, want.storage).allSatisfy {
                    abs($0 - $1) <= 1e-5 * max(1, abs($1))
                })
        }
    }
}
