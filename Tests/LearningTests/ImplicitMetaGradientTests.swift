import Testing

@testable import Learning

/// iMAML's implicit meta-gradient against finite differences of the query loss at the
/// (well-converged) proximal solution, for every tensor adapting and for the decision
/// layers alone (shared embeddings through `H_ψφ`).
@Suite("Implicit meta-gradients at the proximal solution")
struct ImplicitMetaGradientTests {
    enum Scope: String, CaseIterable, Sendable { case all, decision }

    private struct Setup {
        let network: FeatureNetwork
        let task: MetaTask
        let parameters: ParameterSet
        let loop: ProximalInnerLoop
    }

    private func setup(scope: Scope, seed: UInt64, steps: Int = 600) -> Setup {
        var random = TestGenerator(seed: seed)
        let network = Fixtures.network(adapter: nil, random: &random)
        let task = MetaTask(
            support: Fixtures.batch(for: network, rows: 6, random: &random),
            supportObjective: Fixtures.objective("mse", rows: 6, random: &random),
            query: Fixtures.batch(for: network, rows: 5, random: &random),
            queryObjective: Fixtures.objective("mse", rows: 5, random: &random)
        )
        let parameters = Fixtures.parameters(for: network, random: &random)
        let adapted = scope == .all ? network.allIndices : network.decisionIndices
        let base = InnerLoop(network: network, adaptedIndices: adapted, steps: steps, learningRate: 0.05)
        return Setup(
            network: network, task: task, parameters: parameters,
            loop: ProximalInnerLoop(base: base, lambda: 2, cgSteps: 200))
    }

    /// The ReLU patterns of the support and query passes at the proximal solution.
    private func pattern(_ s: Setup, at parameters: ParameterSet) -> [Bool] {
        let phi = s.loop.adapt(parameters, support: s.task.support, objective: s.task.supportObjective)
        return [s.task.support, s.task.query].flatMap { batch in
            s.network.forwardTrace(batch, parameters: phi).preActivations.flatMap { $0.storage.map { $0 > 0 } }
        }
    }

    @Test("The proximal solution is converged: the proximal objective's gradient vanishes", arguments: Scope.allCases)
    func converged(scope: Scope) {
        let s = setup(scope: scope, seed: 5)
        let phi = s.loop.adapt(s.parameters, support: s.task.support, objective: s.task.supportObjective)
        var gradient = s.network.gradient(s.task.support, objective: s.task.supportObjective, parameters: phi).gradient
            .keeping(only: s.loop.base.adaptedIndices)
        var offset = phi.keeping(only: s.loop.base.adaptedIndices)
        offset.add(s.parameters.keeping(only: s.loop.base.adaptedIndices), scaledBy: -1)
        gradient.add(offset, scaledBy: s.loop.lambda)
        #expect(gradient.norm < 1e-4, "‖∇(L + λ/2‖φ−θ‖²)‖ = \(gradient.norm)")
        #expect(offset.norm > 1e-2, "adaptation should move φ away from θ")
    }

    @Test(
        "The implicit gradient equals finite differences of the query loss at φ*(θ)", arguments: [5, 9] as [UInt64],
        Scope.allCases)
    func implicitGradient(seed: UInt64, scope: Scope) throws {
        let s = setup(scope: scope, seed: seed)
        var random = TestGenerator(seed: seed + 100)
        let u = Fixtures.direction(like: s.parameters, random: &random)
        let objective: (ParameterSet) -> Double = { theta in
            let phi = s.loop.adapt(theta, support: s.task.support, objective: s.task.supportObjective)
            return s.network.loss(s.task.query, objective: s.task.queryObjective, parameters: phi)
        }
        let center = pattern(s, at: s.parameters)
        var epsilon: Float = 1e-2
        while epsilon > 1e-3 {
            var plus = s.parameters
            plus.add(u, scaledBy: epsilon)
            var minus = s.parameters
            minus.add(u, scaledBy: -epsilon)
            if pattern(s, at: plus) == center && pattern(s, at: minus) == center { break }
            epsilon /= 2
        }
        try #require(epsilon > 1e-3, "pick another seed")
        let numeric = FiniteDifference.directional(objective, at: s.parameters, along: u, epsilon: epsilon)
        let meta = s.loop.metaGradient(s.parameters, task: s.task)
        let implicit = meta.gradient.dot(u)
        let queryGradientOnly = s.network.gradient(
            s.task.query, objective: s.task.queryObjective, parameters: meta.adapted
        ).gradient.dot(u)
        #expect(FiniteDifference.relativeError(implicit, numeric) < 1e-2, "implicit \(implicit), numeric \(numeric)")
        #expect(
            FiniteDifference.relativeError(queryGradientOnly, numeric) > 3e-2,
            "the first-order value \(queryGradientOnly) should visibly differ")
    }

    @Test("Conjugate gradients solve (I + H/λ) x = b for a positive-definite H")
    func conjugateGradientSolves() {
        let s = setup(scope: .decision, seed: 3, steps: 1)
        var random = TestGenerator(seed: 8)
        let b = Fixtures.direction(like: s.parameters, random: &random).keeping(only: s.loop.base.adaptedIndices)
        let diagonal = Fixtures.direction(like: s.parameters, random: &random)
        let hessian: (ParameterSet) -> ParameterSet = { v in
            ParameterSet(
                zip(v.tensors, diagonal.tensors).map { v, d in
                    var product = v
                    product.multiply(
                        by: Matrix(rows: d.rows, columns: d.columns, storage: d.storage.map { 1 + $0 * $0 }))
                    return product
                })
        }
        let x = s.loop.conjugateGradient(rightHandSide: b, hessian: hessian)
        var residual = x
        residual.add(hessian(x), scaledBy: 1 / s.loop.lambda)
        residual.add(b, scaledBy: -1)
        #expect(residual.norm < 1e-4 * b.norm, "residual \(residual.norm)")
    }

    @Test("The batch meta-gradient does not depend on the number of workers")
    func workersDoNotMatter() {
        let s = setup(scope: .decision, seed: 4, steps: 20)
        let tasks = Array(repeating: s.task, count: 5)
        let one = s.loop.metaGradient(s.parameters, tasks: tasks, workers: 1)
        let three = s.loop.metaGradient(s.parameters, tasks: tasks, workers: 3)
        #expect(one.gradient == three.gradient)
        #expect(one.queryLoss == three.queryLoss)
    }
}
