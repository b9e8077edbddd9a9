import Testing

@testable import Learning

/// iMAML's meta-batches and adaptations with the tasks stacked give what the tasks give one
/// by one.
@Suite("Stacked implicit meta-gradients")
struct StackedImplicitMetaGradientTests {
    enum Scope: String, CaseIterable, Sendable { case decision, all, film, lowRank }

    /// Eleven tasks (a full stack and a partial one) of varied sizes, one without support
    /// rows (when `empty`), the loop and the parameters.
    private func setup(objective: String, seed: UInt64, scope: Scope, empty: Bool)
        -> (ProximalInnerLoop, [MetaTask], ParameterSet)
    {
        var random = TestGenerator(seed: seed)
        let network = Fixtures.network(
            adapter: Fixtures.adapter(for: scope.rawValue), random: &random, loss: objective)
        let tasks = Fixtures.stackTasks(for: network, objective: objective, emptySupport: empty, random: &random)
        let adapted =
            Fixtures.adaptedIndices(for: scope.rawValue, in: network)
        // A large first rate, so that some steps are rejected and the rate halves per task.
        let base = InnerLoop(network: network, adaptedIndices: adapted, steps: 6, learningRate: 2)
        return (
            ProximalInnerLoop(base: base, lambda: 2, cgSteps: 4), tasks,
            Fixtures.parameters(for: network, random: &random)
        )
    }

    @Test(
        "Stacked equals task by task (meta-gradient, losses, adapted parameters), for every objective and stackable scope",
        arguments: Scope.allCases)
    func stackedMatchesTasks(scope: Scope) {
        for objective in ["mse", "bce", "bpr", "softmax", "joint"] {
            for empty in [false, true] {
                let (loop, tasks, parameters) = setup(
                    objective: objective, seed: UInt64(objective.count * 5 + scope.rawValue.count), scope: scope,
                    empty: empty)
                #expect(loop.base.stacksTasks)
                let perTask = tasks.map { loop.metaGradient(parameters, task: $0) }
                let expected = MetaGradient.mean(of: perTask, at: parameters)
                let stacked = loop.metaGradient(parameters, tasks: tasks, workers: 2)
                #expect(expected.gradient.norm > 0)
                #expect(
                    FiniteDifference.relativeError(stacked.gradient, expected.gradient) < 1e-4,
                    "\(objective), \(scope)")
                #expect(FiniteDifference.relativeError(stacked.queryLoss, expected.queryLoss) < 1e-5)
                #expect(stacked.supportLoss.isNaN == empty)
                let oneWorker = loop.metaGradient(parameters, tasks: tasks, workers: 1)
                #expect(oneWorker.gradient == stacked.gradient, "the result does not depend on the workers")
                if !empty {
                    #expect(FiniteDifference.relativeError(stacked.supportLoss, expected.supportLoss) < 1e-5)
                }
                let adapted = loop.adapt(parameters, supports: tasks.map { ($0.support, $0.supportObjective) })
                for (index, task) in tasks.enumerated() {
                    let one = loop.adapt(parameters, support: task.support, objective: task.supportObjective)
                    #expect(FiniteDifference.relativeError(adapted[index], one) < 1e-5, "task \(index)")
                }
            }
        }
    }
}
