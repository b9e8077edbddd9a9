import Testing

@testable import Learning

/// Reptile's Adam steps over stacked tasks give what the tasks give one by one.
@Suite("Stacked Adam adaptation")
struct StackedAdamTests {
    enum Scope: String, CaseIterable, Sendable { case decision, all, film, lowRank }

    /// Eleven tasks (a full stack and a partial one) of varied sizes, one without support
    /// rows, and their network's parameters.
    private func setup(objective: String, seed: UInt64, scope: Scope) -> (InnerLoop, [MetaTask], ParameterSet) {
        var random = TestGenerator(seed: seed)
        let network = Fixtures.network(
            adapter: Fixtures.adapter(for: scope.rawValue), random: &random, loss: objective)
        let tasks = Fixtures.stackTasks(for: network, objective: objective, random: &random)
        let adapted =
            Fixtures.adaptedIndices(for: scope.rawValue, in: network)
        let loop = InnerLoop(network: network, adaptedIndices: adapted, steps: 4, learningRate: 0.05)
        return (loop, tasks, Fixtures.parameters(for: network, random: &random))
    }

    @Test(
        "Stacked equals task by task, adapted parameters and query losses, for every objective and stackable scope",
        arguments: Scope.allCases)
    func stackedMatchesTasks(scope: Scope) {
        for objective in ["mse", "bce", "bpr", "softmax", "joint"] {
            let (loop, tasks, parameters) = setup(
                objective: objective, seed: UInt64(objective.count * 3 + scope.rawValue.count), scope: scope)
            #expect(loop.stacksTasks)
            let stacked = loop.adaptWithAdam(parameters, tasks: tasks, workers: 2)
            let supports = loop.adaptWithAdam(
                parameters, supports: tasks.map { ($0.support, $0.supportObjective) }, workers: 2)
            #expect(stacked.count == tasks.count && supports.count == tasks.count)
            #expect(
                loop.adaptWithAdam(parameters, tasks: tasks, workers: 1).map(\.parameters)
                    == stacked.map(\.parameters), "the result does not depend on the workers")
            for (index, task) in tasks.enumerated() {
                let expected = loop.adaptWithAdam(parameters, support: task.support, objective: task.supportObjective)
                let expectedLoss = loop.network.loss(
                    task.query, objective: task.queryObjective, parameters: expected)
                var moved = expected
                moved.add(parameters, scaledBy: -1)
                #expect((moved.norm > 0) == (task.support.rows > 0), "\(objective) task \(index)")
                #expect(FiniteDifference.relativeError(stacked[index].parameters, expected) < 1e-5)
                #expect(FiniteDifference.relativeError(supports[index], expected) < 1e-5)
                #expect(FiniteDifference.relativeError(stacked[index].queryLoss, expectedLoss) < 1e-5)
            }
        }
    }

    @Test("Tasks that cannot be stacked (the encoder alone adapting) are adapted one by one, with the same results")
    func unstackedTaskByTask() {
        var random = TestGenerator(seed: 12)
        let network = Fixtures.network(adapter: nil, random: &random)
        let loop = InnerLoop(network: network, adaptedIndices: network.encoderIndices, steps: 3, learningRate: 0.05)
        let task = MetaTask(
            support: Fixtures.batch(for: network, rows: 6, random: &random),
            supportObjective: Fixtures.objective("mse", rows: 6, random: &random),
            query: Fixtures.batch(for: network, rows: 4, random: &random),
            queryObjective: Fixtures.objective("mse", rows: 4, random: &random)
        )
        let parameters = Fixtures.parameters(for: network, random: &random)
        #expect(!loop.stacksTasks)
        let result = loop.adaptWithAdam(parameters, tasks: [task, task], workers: 2)
        let expected = loop.adaptWithAdam(parameters, support: task.support, objective: task.supportObjective)
        #expect(result.map(\.parameters) == [expected, expected])
    }
}
