import Testing

@testable import Learning

/// Meta-batches whose tasks are stacked into shared matrix products give what the tasks give
/// one by one.
@Suite("Stacked meta-batches")
struct StackedMetaGradientTests {
    enum Scope: String, CaseIterable, Sendable { case decision, all, film, lowRank }

    private struct Setup {
        let network: FeatureNetwork
        let tasks: [MetaTask]
        let parameters: ParameterSet
        let adapted: [Int]
    }

    /// Eleven tasks (a full stack and a partial one) of varied sizes, one without support rows.
    private func setup(objective: String, seed: UInt64, scope: Scope = .decision, userFields: Int = 0) -> Setup {
        var random = TestGenerator(seed: seed)
        let network = Fixtures.network(
            adapter: Fixtures.adapter(for: scope.rawValue), random: &random, loss: objective)
        let tasks = Fixtures.stackTasks(for: network, objective: objective, userFields: userFields, random: &random)
        return Setup(
            network: network, tasks: tasks, parameters: Fixtures.parameters(for: network, random: &random),
            adapted: Fixtures.adaptedIndices(for: scope.rawValue, in: network)
        )
    }

    /// The mean of the per-task results.
    private func taskByTask(_ loop: InnerLoop, _ s: Setup, order: MetaGradientOrder, rates: ParameterSet?)
        -> MetaGradient
    {
        var total = loop.metaGradient(s.parameters, task: s.tasks[0], order: order, rates: rates)
        for task in s.tasks.dropFirst() {
            let result = loop.metaGradient(s.parameters, task: task, order: order, rates: rates)
            total.queryLoss += result.queryLoss
            total.gradient.add(result.gradient)
            if let rateGradient = result.rateGradient { total.rateGradient?.add(rateGradient) }
        }
        let count = Float(s.tasks.count)
        total.queryLoss /= Double(count)
        total.gradient.scale(by: 1 / count)
        total.rateGradient?.scale(by: 1 / count)
        return total
    }

    @Test(
        "Stacked equals task by task, for MSE, BCE, BPR, sampled softmax and the joint objective, whichever of the stackable scopes adapts",
        arguments: Scope.allCases, [1, 3])
    func stackedMatchesTasks(scope: Scope, steps: Int) {
        for objective in ["mse", "bce", "bpr", "softmax", "joint"] {
            check(objective: objective, steps: steps, scope: scope)
        }
    }

    @Test(
        "Stacked equals task by task when each task's rows share their user's leading fields (taken once per task)",
        arguments: Scope.allCases, [1, 3])
    func stackedMatchesTasksSharingUserFields(scope: Scope, steps: Int) {
        for objective in ["mse", "bpr", "joint"] {
            check(objective: objective, steps: steps, scope: scope, userFields: 2)
        }
    }

    @Test(
        "Stacked equals task by task when each task's rows share every field (one item, or items without features of their own)",
        arguments: Scope.allCases)
    func stackedMatchesTasksSharingEveryField(scope: Scope) {
        check(objective: "mse", steps: 1, scope: scope, userFields: 3)
    }

    private func check(objective: String, steps: Int, scope: Scope, userFields: Int = 0) {
        let s = setup(
            objective: objective,
            // (The low-rank scope's own seeds: at the shared ones one objective's rate gradient vanishes.)
            seed: UInt64(steps * 7 + objective.count + scope.rawValue.count + (scope == .lowRank ? 50 : 0)),
            scope: scope, userFields: userFields)
        let shared = TaskStack(s.tasks).support.sharedFields
        #expect(
            zip(s.tasks, shared).allSatisfy { task, shared in task.support.rows > 1 ? shared >= userFields : shared == 0
            })
        let loop = InnerLoop(network: s.network, adaptedIndices: s.adapted, steps: steps, learningRate: 0.2)
        #expect(loop.stacksTasks)
        var random = TestGenerator(seed: 99)
        var rates = s.parameters
        for index in rates.tensors.indices {
            rates[index] = Matrix(
                rows: rates[index].rows, columns: rates[index].columns,
                storage: rates[index].storage.map { _ in random.float(0.05...0.3) })
        }
        for (order, rates) in [(MetaGradientOrder.second, nil), (.first, nil), (.second, rates)] {
            let expected = taskByTask(loop, s, order: order, rates: rates)
            let stacked = loop.metaGradient(s.parameters, tasks: s.tasks, order: order, rates: rates, workers: 2)
            #expect(expected.gradient.norm > 0)
            #expect(FiniteDifference.relativeError(stacked.gradient, expected.gradient) < 1e-5, "\(order)")
            for index in s.network.allIndices {
                #expect(
                    FiniteDifference.relativeError(
                        ParameterSet([stacked.gradient[index]]), ParameterSet([expected.gradient[index]])) < 1e-4)
            }
            if let expectedRates = expected.rateGradient {
                #expect(expectedRates.norm > 0)
                #expect(FiniteDifference.relativeError(stacked.rateGradient!, expectedRates) < 1e-5)
            } else {
                #expect(stacked.rateGradient == nil)
            }
            #expect(FiniteDifference.relativeError(stacked.queryLoss, expected.queryLoss) < 1e-6)
            #expect(stacked.supportLoss.isNaN, "one task has no support rows")
        }
    }

    @Test("Support loss is the mean over the tasks before adaptation")
    func supportLoss() {
        let s = setup(objective: "mse", seed: 3)
        let tasks = s.tasks.filter { $0.support.rows > 0 }
        let loop = InnerLoop(network: s.network, adaptedIndices: s.network.decisionIndices, steps: 2, learningRate: 0.1)
        let expected =
            tasks.reduce(0.0) {
                $0 + s.network.loss($1.support, objective: $1.supportObjective, parameters: s.parameters)
            } / Double(tasks.count)
        let stacked = loop.metaGradient(s.parameters, tasks: tasks, order: .second)
        #expect(FiniteDifference.relativeError(stacked.supportLoss, expected) < 1e-6)
    }

    @Test(
        "Decision layers or every tensor of a network without adapter, or a FiLM or low-rank adapter alone, adapting are stacked"
    )
    func stackingScope() {
        var random = TestGenerator(seed: 5)
        let plain = Fixtures.network(adapter: nil, random: &random)
        let film = Fixtures.network(adapter: .film(layer: 1), random: &random)
        let lowRank = Fixtures.network(adapter: .lowRank(layer: 0, rank: 2), random: &random)
        #expect(
            InnerLoop(network: plain, adaptedIndices: plain.decisionIndices.reversed(), steps: 1, learningRate: 0.1)
                .stacksTasks)
        #expect(InnerLoop(network: plain, adaptedIndices: plain.allIndices, steps: 1, learningRate: 0.1).stacksTasks)
        #expect(
            !InnerLoop(network: plain, adaptedIndices: plain.encoderIndices, steps: 1, learningRate: 0.1).stacksTasks)
        #expect(InnerLoop(network: film, adaptedIndices: film.adapterIndices, steps: 1, learningRate: 0.1).stacksTasks)
        #expect(
            !InnerLoop(network: film, adaptedIndices: film.decisionIndices, steps: 1, learningRate: 0.1).stacksTasks)
        #expect(
            InnerLoop(network: lowRank, adaptedIndices: lowRank.adapterIndices, steps: 1, learningRate: 0.1)
                .stacksTasks)
        #expect(
            !InnerLoop(network: lowRank, adaptedIndices: lowRank.allIndices, steps: 1, learningRate: 0.1).stacksTasks)
    }

    @Test("Stacked batches keep every row in order")
    func stackingBatches() {
        var random = TestGenerator(seed: 8)
        let network = Fixtures.network(adapter: nil, random: &random)
        let batches = [3, 0, 2].map { Fixtures.batch(for: network, rows: $0, random: &random) }
        let stacked = FeatureBatch.stacking(batches)
        let parameters = network.initialParameters(using: &random)
        let whole = network.encode(stacked, parameters: parameters)
        #expect(stacked.rows == 5)
        #expect(whole.rows(0..<3) == network.encode(batches[0], parameters: parameters))
        #expect(whole.rows(3..<5) == network.encode(batches[2], parameters: parameters))
    }
}
