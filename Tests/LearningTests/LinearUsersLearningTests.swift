import Testing

@testable import Learning

/// A family of linear users `y = a·x + b` (`a, b` drawn per user): after MAML meta-training,
/// K-shot adaptation error falls as K grows and beats the same network trained on the
/// pooled data without meta-learning and adapted the same way.
@Suite("Learning on a family of linear users")
struct LinearUsersLearningTests {
    private let network = FeatureNetwork(fields: [.dense(dimension: 1)], hiddenWidths: [24, 24])

    private func task(_ random: inout TestGenerator, support: Int, query: Int) -> MetaTask {
        let slope = random.float(-2...2)
        let offset = random.float(-1...1)
        func batch(_ rows: Int) -> (FeatureBatch, Objective) {
            let x = random.matrix(rows, 1, scale: 2)
            let y = x.storage.map { slope * $0 + offset }
            return (FeatureBatch(rows: rows, columns: [.dense(x)]), .meanSquaredError(targets: y))
        }
        let (s, so) = batch(support)
        let (q, qo) = batch(query)
        return MetaTask(support: s, supportObjective: so, query: q, queryObjective: qo)
    }

    private func adaptationError(_ parameters: ParameterSet, loop: InnerLoop, shots: Int) -> Double {
        var random = TestGenerator(seed: 999)
        let tasks = (0..<200).map { _ in task(&random, support: shots, query: 20) }
        return tasks.reduce(0.0) { total, task in
            let adapted = loop.adapt(parameters, support: task.support, objective: task.supportObjective)
            return total + network.loss(task.query, objective: task.queryObjective, parameters: adapted)
        } / Double(tasks.count)
    }

    @Test("MAML: error falls with K and beats pooled training")
    func mamlOnLinearUsers() {
        var random = TestGenerator(seed: 2024)
        let initial = network.initialParameters(using: &random)
        let loop = InnerLoop(network: network, adaptedIndices: network.allIndices, steps: 2, learningRate: 0.05)
        var meta = initial
        var metaOptimizer = Adam(learningRate: 0.003)
        for _ in 0..<300 {
            let tasks = (0..<8).map { _ in task(&random, support: 10, query: 10) }
            let step = loop.metaGradient(meta, tasks: tasks, order: .second)
            metaOptimizer.step(&meta, gradient: step.gradient)
        }
        var pooled = initial
        var pooledOptimizer = Adam(learningRate: 0.003)
        for _ in 0..<300 {
            let tasks = (0..<8).map { _ in task(&random, support: 10, query: 10) }
            var gradient = ParameterSet(zerosLike: pooled)
            for task in tasks {
                gradient.add(
                    network.gradient(task.query, objective: task.queryObjective, parameters: pooled).gradient,
                    scaledBy: 1 / 8)
            }
            pooledOptimizer.step(&pooled, gradient: gradient)
        }
        let errors = [1, 5, 20].map { adaptationError(meta, loop: loop, shots: $0) }
        let pooledErrors = [1, 5, 20].map { adaptationError(pooled, loop: loop, shots: $0) }
        #expect(errors[0] > errors[1] && errors[1] > errors[2], "K-shot errors \(errors)")
        #expect(
            errors[1] < 0.8 * pooledErrors[1] && errors[2] < 0.8 * pooledErrors[2],
            "meta \(errors) vs pooled \(pooledErrors)")
    }
}

// MARK: - iMAML

extension LinearUsersLearningTests {
    @Test("iMAML: error falls with K and beats pooled training adapted the same way")
    func imamlOnLinearUsers() {
        var random = TestGenerator(seed: 2026)
        let initial = network.initialParameters(using: &random)
        let base = InnerLoop(network: network, adaptedIndices: network.allIndices, steps: 10, learningRate: 0.1)
        let loop = ProximalInnerLoop(base: base, lambda: 2, cgSteps: 5)
        var meta = initial
        var metaOptimizer = Adam(learningRate: 0.003)
        for _ in 0..<150 {
            let tasks = (0..<8).map { _ in task(&random, support: 10, query: 10) }
            metaOptimizer.step(&meta, gradient: loop.metaGradient(meta, tasks: tasks).gradient)
        }
        var pooled = initial
        var pooledOptimizer = Adam(learningRate: 0.003)
        for _ in 0..<150 {
            let tasks = (0..<8).map { _ in task(&random, support: 10, query: 10) }
            var gradient = ParameterSet(zerosLike: pooled)
            for task in tasks {
                gradient.add(
                    network.gradient(task.query, objective: task.queryObjective, parameters: pooled).gradient,
                    scaledBy: 1 / 8)
            }
            pooledOptimizer.step(&pooled, gradient: gradient)
        }
        let error = { (parameters: ParameterSet, shots: Int) -> Double in
            var random = TestGenerator(seed: 999)
            let tasks = (0..<200).map { _ in self.task(&random, support: shots, query: 20) }
            return tasks.reduce(0.0) { total, task in
                let adapted = loop.adapt(parameters, support: task.support, objective: task.supportObjective)
                return total + self.network.loss(task.query, objective: task.queryObjective, parameters: adapted)
            } / Double(tasks.count)
        }
        let errors = [1, 5, 20].map { error(meta, $0) }
        let pooledErrors = [1, 5, 20].map { error(pooled, $0) }
        #expect(errors[0] > errors[1] && errors[1] > errors[2], "K-shot errors \(errors)")
        #expect(
            errors[1] < 0.8 * pooledErrors[1] && errors[2] < 0.8 * pooledErrors[2],
            "meta \(errors) vs pooled \(pooledErrors)")
    }
}
