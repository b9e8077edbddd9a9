import Testing

@testable import Learning

/// Every parameter tensor's gradient, for every layer kind and loss, against central
/// finite differences of the loss along a random direction supported on that tensor.
@Suite("Network gradients against finite differences")
struct NetworkGradientTests {
    static let adapters: [AdapterPlacement?] = [
        nil, .film(layer: 0), .film(layer: 1), .lowRank(layer: 0, rank: 2), .lowRank(layer: 1, rank: 1),
    ]

    @Test("Each tensor's gradient", arguments: ["mse", "bce", "bpr", "softmax", "joint"], 0..<adapters.count)
    func tensorGradients(loss: String, adapterCase: Int) throws {
        var random = TestGenerator(seed: UInt64(37 * adapterCase + 3 * loss.count + 1))
        let network = Fixtures.network(adapter: Self.adapters[adapterCase], random: &random, loss: loss)
        let rows = 2 * random.int(3...5)
        let batch = Fixtures.batch(for: network, rows: rows, random: &random)
        let objective = Fixtures.objective(loss, rows: rows, random: &random)
        let parameters = Fixtures.parameters(for: network, random: &random)
        let gradient = network.gradient(batch, objective: objective, parameters: parameters).gradient
        for tensor in 0..<network.tensorCount {
            let u = ParameterSet(zerosLike: parameters).replacing(
                tensor, with: random.matrix(parameters[tensor].rows, parameters[tensor].columns))
            let analytic = gradient.dot(u)
            let epsilon = try #require(
                network.smoothStep(batch, parameters: parameters, along: u), "tensor \(tensor): pick another seed")
            let numeric = FiniteDifference.directional(
                { network.loss(batch, objective: objective, parameters: $0) }, at: parameters, along: u,
                epsilon: epsilon)
            #expect(
                FiniteDifference.relativeError(analytic, numeric) < 1e-2,
                "tensor \(tensor): analytic \(analytic), numeric \(numeric)")
        }
    }

    @Test(
        "A batch whose rows repeat their leading fields (one user's items) gives the full pass's loss, outputs and gradient, the shared fields taken once",
        arguments: ["mse", "bce", "bpr", "softmax", "joint"], 0..<adapters.count)
    func sharedLeadingFields(loss: String, adapterCase: Int) {
        var random = TestGenerator(seed: UInt64(41 * adapterCase + 5 * loss.count + 2))
        let network = Fixtures.network(adapter: Self.adapters[adapterCase], random: &random, loss: loss)
        let parameters = Fixtures.parameters(for: network, random: &random)
        for count in 1...network.fields.count {
            let rows = 2 * random.int(2...5)
            let task = Fixtures.sharingLeadingFields(
                [
                    MetaTask(
                        support: Fixtures.batch(for: network, rows: rows, random: &random),
                        supportObjective: Fixtures.objective(loss, rows: rows, random: &random),
                        query: Fixtures.batch(for: network, rows: 2, random: &random),
                        queryObjective: Fixtures.objective(loss, rows: 2, random: &random))
                ], count: count)[0]
            let side = StackSide(batches: [task.support], objectives: [task.supportObjective])
            #expect(network.sharedFieldCount(side) == (network.lowRank?.layer == 0 ? 0 : count))
            for includeEncoder in [true, false] {
                let full = network.linearize(
                    task.support, objective: task.supportObjective, parameters: parameters,
                    includeEncoder: includeEncoder
                ).derivatives
                let folded = network.gradient(
                    task.support, objective: task.supportObjective, parameters: parameters,
                    includeEncoder: includeEncoder)
                #expect(FiniteDifference.relativeError(folded.loss, full.loss) < 1e-6)
                #expect(zip(folded.outputs, full.outputs).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
                for index in 0..<network.tensorCount {
                    #expect(
                        FiniteDifference.relativeError(
                            ParameterSet([folded.gradient[index]]), ParameterSet([full.gradient[index]])) < 1e-4,
                        "tensor \(index), \(count) shared fields")
                    #expect(includeEncoder || !network.encoderIndices.contains(index) || folded.gradient[index].isZero)
                }
            }
        }
    }

    @Test("Leaving out the encoder zeroes only the tables' gradients")
    func encoderSwitch() {
        var random = TestGenerator(seed: 5)
        let network = Fixtures.network(adapter: .film(layer: 0), random: &random)
        let batch = Fixtures.batch(for: network, rows: 6, random: &random)
        let objective = Fixtures.objective("mse", rows: 6, random: &random)
        let parameters = Fixtures.parameters(for: network, random: &random)
        let full = network.gradient(batch, objective: objective, parameters: parameters).gradient
        let partial = network.gradient(batch, objective: objective, parameters: parameters, includeEncoder: false)
            .gradient
        for index in 0..<network.tensorCount {
            if network.encoderIndices.contains(index) {
                #expect(partial[index].isZero)
                #expect(!full[index].isZero)
            } else {
                #expect(partial[index] == full[index])
            }
        }
    }
}

extension ParameterSet {
    func replacing(_ index: Int, with tensor: Matrix) -> ParameterSet {
        var copy = self
        copy[index] = tensor
        return copy
    }
}
