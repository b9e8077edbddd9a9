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
