import Testing

@testable import Learning

/// The exact MAML meta-gradient against finite differences of the whole
/// inner-loop-then-query loss, FOMAML's gap to it, and Meta-SGD's rate gradient.
@Suite("Meta-gradients through the inner loop")
struct MetaGradientTests {
    enum Scope: String, CaseIterable, Sendable { case all, decision, film }

    private struct Setup {
        let network: FeatureNetwork
        let task: MetaTask
        let parameters: ParameterSet
        let adapted: [Int]
    }

    private func setup(scope: Scope, seed: UInt64) -> Setup {
        var random = TestGenerator(seed: seed)
        let network = Fixtures.network(adapter: scope == .film ? .film(layer: 1) : nil, random: &random)
        let task = MetaTask(
            support: Fixtures.batch(for: network, rows: 6, random: &random),
            supportObjective: Fixtures.objective("mse", rows: 6, random: &random),
            query: Fixtures.batch(for: network, rows: 5, random: &random),
            queryObjective: Fixtures.objective("mse", rows: 5, random: &random)
        )
        let parameters = Fixtures.parameters(for: network, random: &random)
        let adapted: [Int]
        switch scope {
        case .all: adapted = network.allIndices
        case .decision: adapted = network.decisionIndices
        case .film: adapted = network.adapterIndices
        }
        return Setup(network: network, task: task, parameters: parameters, adapted: adapted)
    }

    /// The ReLU patterns along the whole inner loop and the query pass.
    private func pattern(_ setup: Setup, loop: InnerLoop, parameters: ParameterSet, rates: ParameterSet? = nil)
        -> [Bool]
    {
        var theta = parameters
        var result = [Bool]()
        for _ in 0..<loop.steps {
            result += setup.network.forwardTrace(setup.task.support, parameters: theta).preActivations.flatMap {
                $0.storage.map { $0 > 0 }
            }
            theta = InnerLoop(
                network: loop.network, adaptedIndices: loop.adaptedIndices, steps: 1, learningRate: loop.learningRate
            )
            .adapt(theta, support: setup.task.support, objective: setup.task.supportObjective, rates: rates)
        }
        return result
            + setup.network.forwardTrace(setup.task.query, parameters: theta).preActivations.flatMap {
                $0.storage.map { $0 > 0 }
            }
    }

    private func smoothStep(_ stable: (Float) -> Bool) -> Float? {
        var epsilon: Float = 1e-2
        while epsilon > 1e-4 {
            if stable(epsilon) { return epsilon }
            epsilon /= 2
        }
        return nil
    }

    @Test(
        "Second order equals finite differences of the query loss after adaptation", arguments: [1, 3], Scope.allCases)
    func secondOrder(steps: Int, scope: Scope) throws {
        let s = setup(scope: scope, seed: UInt64(steps * 10 + scope.rawValue.count))
        let loop = InnerLoop(network: s.network, adaptedIndices: s.adapted, steps: steps, learningRate: 0.3)
        var random = TestGenerator(seed: 77)
        let u = Fixtures.direction(like: s.parameters, random: &random)
        let meta = loop.metaGradient(s.parameters, task: s.task, order: .second)
        let objective: (ParameterSet) -> Double = { theta in
            let adapted = loop.adapt(theta, support: s.task.support, objective: s.task.supportObjective)
            return s.network.loss(s.task.query, objective: s.task.queryObjective, parameters: adapted)
        }
        let center = pattern(s, loop: loop, parameters: s.parameters)
        let epsilon = try #require(
            smoothStep { e in
                var plus = s.parameters
                plus.add(u, scaledBy: e)
                var minus = s.parameters
                minus.add(u, scaledBy: -e)
                return pattern(s, loop: loop, parameters: plus) == center
                    && pattern(s, loop: loop, parameters: minus) == center
            }, "pick another seed")
        let numeric = FiniteDifference.directional(objective, at: s.parameters, along: u, epsilon: epsilon)
        let exact = meta.gradient.dot(u)
        let firstOrder = loop.metaGradient(s.parameters, task: s.task, order: .first).gradient.dot(u)
        #expect(FiniteDifference.relativeError(exact, numeric) < 5e-3, "exact \(exact), numeric \(numeric)")
        #expect(
            FiniteDifference.relativeError(firstOrder, numeric) > 2e-2,
            "the first-order value \(firstOrder) should visibly differ")
    }

    @Test("FOMAML differs from MAML by exactly the dropped Hessian term", arguments: Scope.allCases)
    func firstOrderGap(scope: Scope) {
        let s = setup(scope: scope, seed: 5)
        let alpha: Float = 0.3
        let loop = InnerLoop(network: s.network, adaptedIndices: s.adapted, steps: 1, learningRate: alpha)
        let second = loop.metaGradient(s.parameters, task: s.task, order: .second).gradient
        let first = loop.metaGradient(s.parameters, task: s.task, order: .first)
        var direction = first.gradient.keeping(only: s.adapted)
        direction.scale(by: alpha)
        let dropped = s.network.hessianVectorProduct(
            s.task.support, objective: s.task.supportObjective, parameters: s.parameters, direction: direction
        ).hessianVectorProduct!
        var gap = second
        gap.add(first.gradient, scaledBy: -1)
        var expected = dropped
        expected.scale(by: -1)
        #expect(gap.norm > 1e-4)
        #expect(FiniteDifference.relativeError(gap, expected, floor: 1e-6) < 1e-4)
    }

    @Test("Meta-SGD's rate gradient equals finite differences in the rates", arguments: [1, 2])
    func rateGradient(steps: Int) throws {
        let s = setup(scope: .decision, seed: UInt64(40 + steps))
        let loop = InnerLoop(network: s.network, adaptedIndices: s.adapted, steps: steps, learningRate: 0)
        var random = TestGenerator(seed: 3)
        var rates = ParameterSet(zerosLike: s.parameters)
        for index in s.adapted {
            rates[index] = Matrix(
                rows: rates[index].rows, columns: rates[index].columns,
                storage: (0..<rates[index].count).map { _ in random.float(0.05...0.3) })
        }
        let meta = loop.metaGradient(s.parameters, task: s.task, order: .second, rates: rates)
        let u = Fixtures.direction(like: s.parameters, random: &random).keeping(only: s.adapted)
        let objective: (ParameterSet) -> Double = { r in
            let adapted = loop.adapt(
                s.parameters, support: s.task.support, objective: s.task.supportObjective, rates: r)
            return s.network.loss(s.task.query, objective: s.task.queryObjective, parameters: adapted)
        }
        let center = pattern(s, loop: loop, parameters: s.parameters, rates: rates)
        let epsilon = try #require(
            smoothStep { e in
                var plus = rates
                plus.add(u, scaledBy: e)
                var minus = rates
                minus.add(u, scaledBy: -e)
                return pattern(s, loop: loop, parameters: s.parameters, rates: plus) == center
                    && pattern(s, loop: loop, parameters: s.parameters, rates: minus) == center
            }, "pick another seed")
        let numeric = FiniteDifference.directional(objective, at: rates, along: u, epsilon: epsilon)
        let exact = try #require(meta.rateGradient).dot(u)
        #expect(FiniteDifference.relativeError(exact, numeric) < 5e-3, "exact \(exact), numeric \(numeric)")
    }
}
