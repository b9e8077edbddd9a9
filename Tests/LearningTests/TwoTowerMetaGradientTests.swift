import Testing

@testable import Learning

/// The two-tower model's meta-gradient — with respect to the item tower, the user tower and
/// the per-step inner rates — against finite differences of the whole
/// adapt-then-query loss, for every objective; the first-order gradient's visible gap.
@Suite("Two-tower meta-gradients through the inner loop")
struct TwoTowerMetaGradientTests {
    private struct Setup {
        let network: TwoTowerNetwork
        let task: TwoTowerTask
        let parameters: ParameterSet
    }

    private func setup(
        loss: String, steps: Int, userFeatures: Bool, adaptsBias: Bool, seed: UInt64, userHidden: [Int] = []
    ) -> Setup {
        var random = TestGenerator(seed: seed)
        let itemFields: [InputField] = [
            .categorical(cardinality: 7, dimension: 3), .multiValued(cardinality: 5, dimension: 2),
            .dense(dimension: 2),
        ]
        let userFields: [InputField] =
            userFeatures ? [.categorical(cardinality: 4, dimension: 2), .dense(dimension: 1)] : []
        let network = TwoTowerNetwork(
            itemFields: itemFields, userFields: userFields, hiddenWidths: [6], userHiddenWidths: userHidden,
            latentWidth: 3,
            outputWidth: loss == "joint" ? 2 : 1, adaptsBias: adaptsBias, steps: steps
        )
        let userNetwork = FeatureNetwork(
            fields: userFields.isEmpty ? [.dense(dimension: 1)] : userFields, hiddenWidths: [1])
        let user = Fixtures.batch(for: userNetwork, rows: 1, random: &random)
        let itemNetwork = network.itemTower
        let task = TwoTowerTask(
            user: userFeatures ? user : FeatureBatch(rows: 1, columns: []),
            support: Fixtures.batch(for: itemNetwork, rows: 8, random: &random),
            supportObjective: Fixtures.objective(loss, rows: 8, random: &random),
            query: Fixtures.batch(for: itemNetwork, rows: 6, random: &random),
            queryObjective: Fixtures.objective(loss, rows: 6, random: &random)
        )
        var parameters = network.initialParameters(innerRate: 0.4, outputBias: 0.2, using: &random)
        for index in 0..<parameters.count {
            parameters[index].add(random.matrix(parameters[index].rows, parameters[index].columns, scale: 0.3))
        }
        return Setup(network: network, task: task, parameters: parameters)
    }

    /// The towers' ReLU patterns on the support and query items and on the user.
    private func pattern(_ s: Setup, _ parameters: ParameterSet) -> [Bool] {
        let items = s.network.itemParameters(parameters)
        let user =
            s.network.userTower?.forwardTrace(s.task.user, parameters: s.network.userParameters(parameters))
            .preActivations.flatMap { $0.storage.map { $0 > 0 } } ?? []
        return user
            + [s.task.support, s.task.query].flatMap { batch in
                s.network.itemTower.forwardTrace(batch, parameters: items).preActivations.flatMap {
                    $0.storage.map { $0 > 0 }
                }
            }
    }

    /// The largest step in 1e-2, 5e-3, … at which no ReLU changes side.
    private func smoothStep(_ s: Setup, along u: ParameterSet) -> Float? {
        let center = pattern(s, s.parameters)
        var epsilon: Float = 1e-2
        while epsilon > 1e-4 {
            var plus = s.parameters
            plus.add(u, scaledBy: epsilon)
            var minus = s.parameters
            minus.add(u, scaledBy: -epsilon)
            if pattern(s, plus) == center && pattern(s, minus) == center { return epsilon }
            epsilon /= 2
        }
        return nil
    }

    /// The exact second-order meta-gradient of `s` checked against finite differences along
    /// a random direction (seed `directionSeed`); returns the gradient, the direction and
    /// the numeric derivative.
    private func checkedSecondOrder(_ s: Setup, directionSeed: UInt64) throws -> (
        gradient: ParameterSet, direction: ParameterSet, numeric: Double
    ) {
        var random = TestGenerator(seed: directionSeed)
        let u = Fixtures.direction(like: s.parameters, random: &random)
        let epsilon = try #require(smoothStep(s, along: u), "pick another seed")
        let numeric = FiniteDifference.directional(
            { s.network.queryLoss($0, task: s.task) }, at: s.parameters, along: u, epsilon: epsilon)
        let meta = s.network.metaGradient(s.parameters, task: s.task, order: .second)
        #expect(abs(meta.queryLoss - s.network.queryLoss(s.parameters, task: s.task)) < 1e-5)
        #expect(
            FiniteDifference.relativeError(meta.gradient.dot(u), numeric) < 5e-3,
            "exact \(meta.gradient.dot(u)), numeric \(numeric)")
        return (meta.gradient, u, numeric)
    }

    @Test(
        "Second order equals finite differences of the query loss after adaptation",
        arguments: ["mse", "bce", "bpr", "softmax", "joint"], [1, 3])
    func secondOrder(loss: String, steps: Int) throws {
        let s = setup(
            loss: loss, steps: steps, userFeatures: true, adaptsBias: true, seed: UInt64(steps * 31 + loss.count))
        let (_, u, numeric) = try checkedSecondOrder(s, directionSeed: 91)
        let firstOrder = s.network.metaGradient(s.parameters, task: s.task, order: .first).gradient.dot(u)
        #expect(
            FiniteDifference.relativeError(firstOrder, numeric) > 2e-2,
            "the first-order value \(firstOrder) should visibly differ from \(numeric)")
    }

    @Test(
        "A user tower with hidden layers: second order equals finite differences, and the user tower's every tensor gets a gradient",
        arguments: ["bce", "joint"])
    func hiddenUserTower(loss: String) throws {
        let s = setup(loss: loss, steps: 2, userFeatures: true, adaptsBias: true, seed: 23, userHidden: [5])
        #expect(s.network.userTower?.hiddenWidths == [5])
        let gradient = try checkedSecondOrder(s, directionSeed: 29).gradient
        for index in s.network.userIndex..<s.network.rateIndex {
            #expect(gradient[index].storage.contains { $0 != 0 }, "user tower tensor \(index)")
        }
    }

    @Test(
        "Without user features the shared initial state gets the gradient; a frozen bias stays out of the inner loop (cross-entropy: a pairwise loss ignores the bias)",
        arguments: [true, false])
    func sharedState(adaptsBias: Bool) throws {
        let s = setup(loss: "bce", steps: 2, userFeatures: false, adaptsBias: adaptsBias, seed: adaptsBias ? 5 : 6)
        _ = try checkedSecondOrder(s, directionSeed: 17)
        let start = s.network.initialState(s.task.user, parameters: s.parameters)
        let adapted = s.network.adapt(
            start, support: s.network.items(s.task.support, parameters: s.parameters),
            objective: s.task.supportObjective, rates: s.network.rates(s.parameters))
        #expect((adapted[3, 0] == start[3, 0]) == !adaptsBias)
        #expect(adapted[0, 0] != start[0, 0])
    }

    @Test("A zero-shot task's gradient reaches the initial state and the item tower, not the rates")
    func zeroShot() {
        var s = setup(loss: "bce", steps: 2, userFeatures: true, adaptsBias: true, seed: 3)
        let task = withoutSupport(s.task)
        s = Setup(network: s.network, task: task, parameters: s.parameters)
        let meta = s.network.metaGradient(s.parameters, task: task, order: .second)
        #expect(meta.gradient[s.network.rateIndex].isZero)
        #expect(!meta.gradient[s.network.userIndex].isZero)
        #expect(!meta.gradient[0].isZero)
    }

    @Test(
        "A meta-batch's gradient, its towers passed once per stack, is its tasks' gradients averaged to 1e-5 per tensor, laid out as the parameters, the same for any worker count",
        arguments: [
            (true, [Int](), MetaGradientOrder.second), (true, [4], .second), (false, [Int](), .second),
            (true, [4], .first),
        ])
    func batchMean(userFeatures: Bool, userHidden: [Int], order: MetaGradientOrder) {
        // Eleven tasks: a full stack and a shorter one; the fourth is zero-shot.
        let tasks = (0..<11).map { index in
            var s = setup(
                loss: index % 2 == 0 ? "bce" : "mse", steps: 2, userFeatures: userFeatures, adaptsBias: true,
                seed: 20 + UInt64(index), userHidden: userHidden)
            if index == 3 {
                s = Setup(network: s.network, task: withoutSupport(s.task), parameters: s.parameters)
            }
            return s
        }
        let network = tasks[0].network
        let parameters = tasks[0].parameters
        let perTask = tasks.map { network.metaGradient(parameters, task: $0.task, order: order) }
        var expected = network.zeros
        for result in perTask {
            #expect(result.gradient.tensors.map(\.rows) == network.zeros.tensors.map(\.rows))
            #expect(result.gradient.tensors.map(\.columns) == network.zeros.tensors.map(\.columns))
            expected.add(result.gradient)
        }
        expected.scale(by: 1 / Float(tasks.count))
        #expect(expected.norm > 0)
        let batches = (1...3).map { workers in
            network.metaGradient(parameters, tasks: tasks.map(\.task), order: order, workers: workers)
        }
        let batch = batches[0]
        #expect(batch.gradient.tensors.map(\.rows) == expected.tensors.map(\.rows))
        #expect(batch.gradient.tensors.map(\.columns) == expected.tensors.map(\.columns))
        for index in 0..<expected.count {
            let error = FiniteDifference.relativeError(
                ParameterSet([batch.gradient[index]]), ParameterSet([expected[index]]))
            #expect(error < 1e-5, "tensor \(index): relative error \(error)")
        }
        let meanLoss = perTask.map(\.queryLoss).reduce(0, +) / Double(tasks.count)
        #expect(FiniteDifference.relativeError(batch.queryLoss, meanLoss) < 1e-6)
        for other in batches.dropFirst() {
            #expect(other.gradient == batch.gradient)
            #expect(other.queryLoss == batch.queryLoss)
        }
    }

    /// `task` without support rows.
    private func withoutSupport(_ task: TwoTowerTask) -> TwoTowerTask {
        var task = task
        task.support = FeatureBatch(
            rows: 0,
            columns: task.support.columns.map { column in
                switch column {
                case .codes: return .codes([])
                case .lists: return .lists(CodeLists([]))
                case let .dense(values): return .dense(Matrix(rows: 0, columns: values.columns))
                }
            })
        task.supportObjective = .binaryCrossEntropyWithLogits(labels: [])
        return task
    }
}
