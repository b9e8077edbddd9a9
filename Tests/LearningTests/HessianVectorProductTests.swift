import Testing

@testable import Learning

/// Exact Hessian-vector products (R-operator) against central finite differences of the
/// gradient, for every layer kind and loss, full and partial directions.
@Suite("Hessian-vector products against finite differences of gradients")
struct HessianVectorProductTests {
    @Test(
        "Full direction", arguments: ["mse", "bce", "bpr", "softmax", "joint"], 0..<NetworkGradientTests.adapters.count)
    func fullDirection(loss: String, adapterCase: Int) throws {
        try check(loss: loss, adapterCase: adapterCase, seed: 101, restrictToDecision: false)
    }

    @Test(
        "Direction on the decision layers and adapter only", arguments: ["mse", "bce"],
        0..<NetworkGradientTests.adapters.count)
    func partialDirection(loss: String, adapterCase: Int) throws {
        try check(loss: loss, adapterCase: adapterCase, seed: 202, restrictToDecision: true)
    }

    private func check(loss: String, adapterCase: Int, seed: UInt64, restrictToDecision: Bool) throws {
        var random = TestGenerator(seed: seed &+ UInt64(17 * adapterCase + loss.count))
        let network = Fixtures.network(adapter: NetworkGradientTests.adapters[adapterCase], random: &random, loss: loss)
        let rows = 2 * random.int(2...4)
        let batch = Fixtures.batch(for: network, rows: rows, random: &random)
        let objective = Fixtures.objective(loss, rows: rows, random: &random)
        let parameters = Fixtures.parameters(for: network, random: &random)
        var direction = Fixtures.direction(like: parameters, random: &random)
        if restrictToDecision { direction = direction.keeping(only: network.decisionIndices + network.adapterIndices) }
        let exact = network.hessianVectorProduct(
            batch, objective: objective, parameters: parameters, direction: direction)
        let epsilon = try #require(
            network.smoothStep(batch, parameters: parameters, along: direction), "pick another seed")
        let numeric = FiniteDifference.directional(
            { network.gradient(batch, objective: objective, parameters: $0).gradient }, at: parameters,
            along: direction, epsilon: epsilon
        )
        let hvp = exact.hessianVectorProduct!
        #expect(hvp.norm > 1e-3, "a vanishing product would make the check empty")
        #expect(
            FiniteDifference.relativeError(hvp, numeric) < 2e-2,
            "relative error \(FiniteDifference.relativeError(hvp, numeric))")
        #expect(exact.gradient == network.gradient(batch, objective: objective, parameters: parameters).gradient)
    }

    @Test("Losses' output-space Hessians", arguments: ["mse", "bce", "bpr", "softmax", "joint"])
    func lossCurvature(loss: String) {
        var random = TestGenerator(seed: 9)
        let width = loss == "joint" ? 2 : 1
        let outputs = random.matrix(8, width, scale: 2)
        let tangent = random.matrix(8, width)
        let objective = Fixtures.objective(loss, rows: 8, random: &random)
        let epsilon: Float = 1e-3
        var plus = outputs
        plus.add(tangent, scaledBy: epsilon)
        var minus = outputs
        minus.add(tangent, scaledBy: -epsilon)
        var numericGradient = Matrix(zerosLike: outputs)
        var numericCurvature = objective.gradient(plus)
        numericCurvature.add(objective.gradient(minus), scaledBy: -1)
        numericCurvature.scale(by: 1 / (2 * epsilon))
        for i in 0..<(8 * width) {
            var up = outputs
            up.storage[i] += epsilon
            var down = outputs
            down.storage[i] -= epsilon
            numericGradient.storage[i] = Float((objective.value(up) - objective.value(down)) / (2 * Double(epsilon)))
        }
        let gradient = objective.gradient(outputs)
        let curvature = objective.gradientTangent(outputs, outputTangent: tangent)!
        #expect(FiniteDifference.relativeError(ParameterSet([gradient]), ParameterSet([numericGradient])) < 1e-2)
        #expect(FiniteDifference.relativeError(ParameterSet([curvature]), ParameterSet([numericCurvature])) < 1e-2)
    }
}
