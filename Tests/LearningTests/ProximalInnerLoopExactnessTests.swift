import Testing

@testable import Learning

/// iMAML's proximal inner loop and implicit meta-gradient against the straightforward
/// computation they replace, bit for bit where no input field is shared by every row (up to
/// rounding where one is): every candidate step's full gradient, the step
/// and the proximal term through the general tensor kernels, the support loss at `θ` by a
/// forward pass of its own and the linearization at `φ` taken afresh.
@Suite("The proximal inner loop equals the straightforward computation bit for bit")
struct ProximalInnerLoopExactnessTests {
    /// The straightforward computation, and how many steps it rejected.
    private struct Reference {
        let loop: ProximalInnerLoop
        var network: FeatureNetwork { loop.base.network }
        var adapted: [Int] { loop.base.adaptedIndices }
        var encoder: Bool { adapted.contains { network.encoderIndices.contains($0) } }

        func adapt(_ parameters: ParameterSet, support: FeatureBatch, objective: Objective) -> (ParameterSet, Int) {
            var phi = parameters
            guard support.rows > 0 else { return (phi, 0) }
            var (rate, rejected) = (loop.base.learningRate, 0)
            var current = network.gradient(support, objective: objective, parameters: phi, includeEncoder: encoder)
            var value = current.loss
            for _ in 0..<loop.base.steps {
                var candidate = phi
                var distance = 0.0
                for index in adapted {
                    var direction = current.gradient[index]
                    direction.add(phi[index], scaledBy: loop.lambda)
                    direction.add(parameters[index], scaledBy: -loop.lambda)
                    candidate[index] = phi[index].subtracting(direction, scaledBy: rate)
                    var difference = candidate[index]
                    difference.add(parameters[index], scaledBy: -1)
                    distance += difference.dot(difference)
                }
                let next = network.gradient(
                    support, objective: objective, parameters: candidate, includeEncoder: encoder)
                let nextValue = next.loss + Double(loop.lambda) / 2 * distance
                if nextValue.isFinite, nextValue <= value + ProximalInnerLoop.tolerance * max(1, abs(value)) {
                    (phi, current, value) = (candidate, next, nextValue)
                } else {
                    rate /= 2
                    rejected += 1
                }
            }
            return (phi, rejected)
        }

        func metaGradient(_ parameters: ParameterSet, task: MetaTask) -> (MetaGradient, rejected: Int) {
            let (phi, rejected) = adapt(parameters, support: task.support, objective: task.supportObjective)
            let query = network.gradient(task.query, objective: task.queryObjective, parameters: phi)
            var meta = query.gradient
            let supportLoss = network.loss(task.support, objective: task.supportObjective, parameters: parameters)
            let point = network.linearize(
                task.support, objective: task.supportObjective, parameters: phi, includeEncoder: encoder)
            let hessian: (ParameterSet, Bool) -> ParameterSet = { direction, encoder in
                network.hessianVectorProduct(
                    at: point, batch: task.support, objective: task.supportObjective, parameters: phi,
                    direction: direction, includeEncoder: encoder)
            }
            let x = conjugateGradient(query.gradient.keeping(only: adapted)) { hessian($0, encoder) }
            let shared = Set(network.allIndices).subtracting(adapted).sorted()
            if !shared.isEmpty { meta.add(hessian(x, true), scaledBy: -1 / loop.lambda, only: shared) }
            for index in adapted { meta[index] = x[index] }
            return (
                MetaGradient(
                    queryLoss: query.loss, supportLoss: supportLoss, gradient: meta, rateGradient: nil, adapted: phi),
                rejected
            )
        }

        func conjugateGradient(_ b: ParameterSet, hessian: (ParameterSet) -> ParameterSet) -> ParameterSet {
            var x = ParameterSet(zerosLike: b)
            var (residual, direction) = (b, b)
            var residualNorm = residual.dot(residual)
            let tolerance = 1e-12 * residualNorm
            for _ in 0..<loop.cgSteps where residualNorm > tolerance {
                var product = direction
                product.add(hessian(direction).keeping(only: adapted), scaledBy: 1 / loop.lambda)
                let curvature = direction.dot(product)
                guard curvature > 0 else { break }
                let alpha = Float(residualNorm / curvature)
                x.add(direction, scaledBy: alpha)
                residual.add(product, scaledBy: -alpha)
                let next = residual.dot(residual)
                direction.scale(by: Float(next / residualNorm))
                direction.add(residual)
                residualNorm = next
            }
            return x
        }
    }

    static let rates: [Float] = [0.1, 3]

    /// Every entry's bits: `==` on `Float` would equate `0` with `−0`.
    private func bits(_ parameters: ParameterSet) -> [[UInt32]] {
        parameters.tensors.map { $0.storage.map(\.bitPattern) }
    }

    @Test(
        "Adaptation and meta-gradient, every adapter and scope, small and rejected steps",
        arguments: ["mse", "bce", "bpr"], 0..<NetworkGradientTests.adapters.count)
    func sameAsReference(loss: String, adapterCase: Int) {
        var rejections = 0
        for (decision, rate) in [false, true].flatMap({ d in Self.rates.map { (d, $0) } }) {
            var random = TestGenerator(seed: UInt64(31 * adapterCase + 7 * loss.count) + (decision ? 1_000 : 0))
            let network = Fixtures.network(
                adapter: NetworkGradientTests.adapters[adapterCase], random: &random, loss: loss)
            let task = MetaTask(
                support: Fixtures.batch(for: network, rows: 6, random: &random),
                supportObjective: Fixtures.objective(loss, rows: 6, random: &random),
                query: Fixtures.batch(for: network, rows: 5, random: &random),
                queryObjective: Fixtures.objective(loss, rows: 5, random: &random))
            let parameters = Fixtures.parameters(for: network, random: &random)
            let adapted = decision ? network.decisionIndices : network.allIndices
            let loop = ProximalInnerLoop(
                base: InnerLoop(network: network, adaptedIndices: adapted, steps: 10, learningRate: rate),
                lambda: 2, cgSteps: 5)
            let reference = Reference(loop: loop)
            let (expected, rejected) = reference.metaGradient(parameters, task: task)
            rejections += rejected
            let actual = loop.metaGradient(parameters, task: task)
            #expect(bits(actual.adapted) == bits(expected.adapted))
            #expect(bits(actual.gradient) == bits(expected.gradient))
            #expect(actual.queryLoss.bitPattern == expected.queryLoss.bitPattern)
            #expect(actual.supportLoss.bitPattern == expected.supportLoss.bitPattern)
            let adaptedAlone = loop.adapt(parameters, support: task.support, objective: task.supportObjective)
            #expect(bits(adaptedAlone) == bits(expected.adapted))
        }
        #expect(rejections > 0, "the large step size should have rejected steps")
    }

    /// `batch` with its first field's codes those of its first row, as a user's own
    /// features are on the rows of the user's task.
    private func oneUser(_ batch: FeatureBatch) -> FeatureBatch {
        guard batch.rows > 0, case let .codes(codes) = batch.columns[0] else { return batch }
        var columns = batch.columns
        columns[0] = .codes(Array(repeating: codes[0], count: batch.rows))
        return FeatureBatch(rows: batch.rows, columns: columns)
    }

    @Test(
        "With the user's fields shared by every row (their first-layer products taken once), the same up to rounding",
        arguments: ["mse", "bce"], 0..<NetworkGradientTests.adapters.count)
    func sharedUserFields(loss: String, adapterCase: Int) {
        for rate in Self.rates {
            var random = TestGenerator(seed: UInt64(17 * adapterCase + 5 * loss.count))
            let network = Fixtures.network(
                adapter: NetworkGradientTests.adapters[adapterCase], random: &random, loss: loss)
            let task = MetaTask(
                support: oneUser(Fixtures.batch(for: network, rows: 6, random: &random)),
                supportObjective: Fixtures.objective(loss, rows: 6, random: &random),
                query: oneUser(Fixtures.batch(for: network, rows: 5, random: &random)),
                queryObjective: Fixtures.objective(loss, rows: 5, random: &random))
            #expect(network.sharedLeadingColumns(task.support) == network.fields[0].width)
            let parameters = Fixtures.parameters(for: network, random: &random)
            let loop = ProximalInnerLoop(
                base: InnerLoop(network: network, adaptedIndices: network.allIndices, steps: 10, learningRate: rate),
                lambda: 2, cgSteps: 5)
            let (expected, _) = Reference(loop: loop).metaGradient(parameters, task: task)
            let actual = loop.metaGradient(parameters, task: task)
            #expect(FiniteDifference.relativeError(actual.adapted, expected.adapted) <= 1e-5, "rate \(rate)")
            #expect(FiniteDifference.relativeError(actual.gradient, expected.gradient) <= 1e-4, "rate \(rate)")
            #expect(FiniteDifference.relativeError(actual.queryLoss, expected.queryLoss) <= 1e-5)
            #expect(FiniteDifference.relativeError(actual.supportLoss, expected.supportLoss) <= 1e-6)
        }
    }

    @Test("Without a support set the meta-gradient is the query gradient at θ, as before")
    func emptySupport() {
        var random = TestGenerator(seed: 12)
        let network = Fixtures.network(adapter: nil, random: &random)
        let task = MetaTask(
            support: Fixtures.batch(for: network, rows: 0, random: &random),
            supportObjective: Fixtures.objective("mse", rows: 0, random: &random),
            query: Fixtures.batch(for: network, rows: 4, random: &random),
            queryObjective: Fixtures.objective("mse", rows: 4, random: &random))
        let parameters = Fixtures.parameters(for: network, random: &random)
        let loop = ProximalInnerLoop(
            base: InnerLoop(network: network, adaptedIndices: network.allIndices, steps: 10, learningRate: 0.1),
            lambda: 2, cgSteps: 5)
        let result = loop.metaGradient(parameters, task: task)
        #expect(result.adapted == parameters)
        #expect(result.supportLoss.isNaN)
        #expect(
            result.gradient
                == network.gradient(task.query, objective: task.queryObjective, parameters: parameters).gradient)
    }

    @Test("The one-pass kernels equal the general kernels composed", arguments: [1, 8, 13, 64, 71])
    func kernels(count: Int) {
        var random = TestGenerator(seed: UInt64(count))
        let (phi, gradient, anchor) = (
            random.matrix(1, count), random.matrix(1, count, scale: 3), random.matrix(1, count)
        )
        let (lambda, rate) = (random.float(0.5...4), random.float(0.01...1))
        var direction = gradient
        direction.add(phi, scaledBy: lambda)
        direction.add(anchor, scaledBy: -lambda)
        let step = phi.subtracting(direction, scaledBy: rate)
        let fused = phi.proximalStep(along: gradient, anchor: anchor, lambda: lambda, rate: rate)
        #expect(fused.step.storage.map(\.bitPattern) == step.storage.map(\.bitPattern))
        var difference = step
        difference.add(anchor, scaledBy: -1)
        #expect(fused.squaredDistance.bitPattern == difference.dot(difference).bitPattern)
        var operatorProduct = anchor
        operatorProduct.add(gradient, scaledBy: 1 / lambda)
        #expect(anchor.dotWithSum(gradient, scaledBy: 1 / lambda).bitPattern == anchor.dot(operatorProduct).bitPattern)
        var updated = phi
        updated.add(operatorProduct, scaledBy: -rate)
        var fusedUpdated = phi
        let updatedNorm = fusedUpdated.addReturningSquaredNorm(
            anchor, plus: gradient, scaledBy: 1 / lambda, step: -rate)
        #expect(fusedUpdated.storage.map(\.bitPattern) == updated.storage.map(\.bitPattern))
        #expect(updatedNorm.bitPattern == updated.dot(updated).bitPattern)
        var residual = phi
        residual.add(gradient, scaledBy: -rate)
        var searchDirection = anchor
        searchDirection.scale(by: lambda)
        searchDirection.add(residual)
        var fusedDirection = anchor
        fusedDirection.scale(by: lambda, adding: residual)
        #expect(fusedDirection.storage.map(\.bitPattern) == searchDirection.storage.map(\.bitPattern))
    }
}
