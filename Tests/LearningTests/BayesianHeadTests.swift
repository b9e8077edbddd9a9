import Foundation
import Testing

@testable import Learning

/// The Bayesian linear head: its posterior against the ridge normal equations and online
/// updating, its meta-gradient against finite differences of the predictive loss (network
/// and prior tensors), and K-shot learning on a family of linear users.
@Suite("Bayesian linear head (ALPaCA)")
struct BayesianHeadTests {
    private struct Setup {
        let loop: BayesianHeadLoop
        let tasks: [MetaTask]
        let parameters: ParameterSet
        let prior: ParameterSet
    }

    private func setup(seed: UInt64, kind: String = "mse") -> Setup {
        var random = TestGenerator(seed: seed)
        let network = Fixtures.network(adapter: nil, random: &random)
        let tasks = (0..<3).map { _ in
            MetaTask(
                support: Fixtures.batch(for: network, rows: 5, random: &random),
                supportObjective: Fixtures.objective(kind, rows: 5, random: &random),
                query: Fixtures.batch(for: network, rows: 4, random: &random),
                queryObjective: Fixtures.objective(kind, rows: 4, random: &random)
            )
        }
        let loop = BayesianHeadLoop(network: network)
        let parameters = Fixtures.parameters(for: network, random: &random)
        var prior = loop.initialPriorParameters(precision: 2, noiseVariance: 0.5)
        prior[0].add(random.matrix(loop.headSize, loop.headSize, scale: 0.3))
        return Setup(loop: loop, tasks: tasks, parameters: parameters, prior: prior)
    }

    @Test("The posterior mean solves the ridge normal equations; online updates equal one batch")
    func posteriorIsClosedForm() throws {
        let s = setup(seed: 1)
        let prior = s.loop.prior(s.parameters, prior: s.prior)
        let features = s.loop.base.network.representation(s.tasks[0].support, parameters: s.parameters).features
        let targets = s.tasks[0].supportObjective.regressionTargets(rows: features.rows)
        let posterior = try #require(prior.posterior(features: features, targets: targets))
        let m = prior.size
        var normal = prior.precision
        var right = DenseAlgebra.product(prior.precision, prior.mean)
        for row in 0..<features.rows {
            let phi = GaussianPrior.augmented(features, row: row)
            DenseAlgebra.addOuter(&normal, phi, phi, scale: 1 / prior.noiseVariance)
            DenseAlgebra.add(&right, phi, scale: Double(targets[row]) / prior.noiseVariance)
        }
        let expected = try #require(CholeskySolver.solve(normal, right))
        for i in 0..<m { #expect(abs(posterior.mean[i] - expected[i]) < 1e-8 * max(1, abs(expected[i]))) }
        var online = SufficientStatistics(prior: prior)
        for row in 0..<features.rows {
            let one = Matrix(
                rows: 1, columns: features.columns,
                storage: Array(features.storage[(row * features.columns)..<((row + 1) * features.columns)]))
            online.observe(features: one, targets: [targets[row]], noiseVariance: prior.noiseVariance)
        }
        let sequential = try #require(online.posterior(noiseVariance: prior.noiseVariance))
        for i in 0..<m { #expect(abs(sequential.mean[i] - posterior.mean[i]) < 1e-9 * max(1, abs(posterior.mean[i]))) }
        let empty = try #require(prior.posterior(features: Matrix(rows: 0, columns: features.columns), targets: []))
        for i in 0..<m { #expect(abs(empty.mean[i] - prior.mean[i]) < 1e-9) }
        #expect(posterior.weightVariance(features).allSatisfy { $0 > 0 })
        #expect(
            zip(posterior.weightVariance(features), empty.weightVariance(features)).allSatisfy { $0 < $1 },
            "observing shrinks the variance")
    }

    @Test(
        "The meta-gradient equals finite differences of the predictive loss", arguments: [2, 3, 4] as [UInt64],
        ["mse", "bce"])
    func metaGradient(seed: UInt64, kind: String) throws {
        let s = setup(seed: seed, kind: kind)
        let network = s.loop.base.network
        let meta = try #require(s.loop.metaGradient(s.parameters, prior: s.prior, tasks: s.tasks, workers: 2))
        let loss: (ParameterSet, ParameterSet) -> Double = { parameters, prior in
            s.tasks.reduce(0) { $0 + s.loop.queryLoss(parameters, prior: prior, task: $1) } / Double(s.tasks.count)
        }
        #expect(abs(meta.loss - loss(s.parameters, s.prior)) < 1e-5 * max(1, abs(meta.loss)))
        let many = Array(repeating: s.tasks, count: 4).flatMap { $0 }
        let serial = try #require(s.loop.metaGradient(s.parameters, prior: s.prior, tasks: many, workers: 1))
        let parallel = try #require(s.loop.metaGradient(s.parameters, prior: s.prior, tasks: many, workers: 2))
        #expect(serial.loss == parallel.loss && serial.gradient == parallel.gradient, "stacks summed in order")
        #expect(serial.priorGradient == parallel.priorGradient)
        #expect(abs(serial.loss - meta.loss) < 1e-5 * max(1, abs(meta.loss)), "the mean over repeated tasks")
        var random = TestGenerator(seed: seed + 50)
        let u = Fixtures.direction(like: s.parameters, random: &random)
        let batches = s.tasks.flatMap { [$0.support, $0.query] }
        var epsilon: Float = 1e-2
        while epsilon > 1e-4,
            !batches.allSatisfy({
                network.reluPatternIsStable($0, parameters: s.parameters, along: u, epsilon: epsilon)
            })
        { epsilon /= 2 }
        try #require(epsilon > 1e-4, "pick another seed")
        let numeric = FiniteDifference.directional({ loss($0, s.prior) }, at: s.parameters, along: u, epsilon: epsilon)
        #expect(
            FiniteDifference.relativeError(meta.gradient.dot(u), numeric) < 1e-2,
            "network: exact \(meta.gradient.dot(u)), numeric \(numeric)")
        let v = Fixtures.direction(like: s.prior, random: &random)
        let priorNumeric = FiniteDifference.directional(
            { loss(s.parameters, $0) }, at: s.prior, along: v, epsilon: 1e-3)
        #expect(
            FiniteDifference.relativeError(meta.priorGradient.dot(v), priorNumeric) < 1e-2,
            "prior: exact \(meta.priorGradient.dot(v)), numeric \(priorNumeric)")
    }

    @Test("Linear users: after meta-training, K-shot error falls with K to near the noise")
    func linearUsers() {
        let network = FeatureNetwork(fields: [.dense(dimension: 1)], hiddenWidths: [16, 16])
        let loop = BayesianHeadLoop(network: network)
        var random = TestGenerator(seed: 2025)
        func task(support: Int, query: Int) -> MetaTask {
            let slope = random.float(-2...2)
            let offset = random.float(-1...1)
            func batch(_ rows: Int) -> (FeatureBatch, Objective) {
                let x = random.matrix(rows, 1, scale: 2)
                return (
                    FeatureBatch(rows: rows, columns: [.dense(x)]),
                    .meanSquaredError(targets: x.storage.map { slope * $0 + offset + 0.05 * random.float() })
                )
            }
            let (s, so) = batch(support)
            let (q, qo) = batch(query)
            return MetaTask(support: s, supportObjective: so, query: q, queryObjective: qo)
        }
        var parameters = network.initialParameters(using: &random)
        var prior = loop.initialPriorParameters(precision: 1, noiseVariance: 1)
        var optimizer = Adam(learningRate: 0.003)
        var priorOptimizer = Adam(learningRate: 0.003)
        for _ in 0..<300 {
            let tasks = (0..<8).map { _ in task(support: 1 + Int(random.next() % 10), query: 10) }
            guard let step = loop.metaGradient(parameters, prior: prior, tasks: tasks) else {
                Issue.record("posterior not positive definite")
                return
            }
            optimizer.step(&parameters, gradient: step.gradient)
            priorOptimizer.step(&prior, gradient: step.priorGradient)
        }
        let errors = [0, 2, 10].map { shots -> Double in
            let tasks = (0..<200).map { _ in task(support: shots, query: 20) }
            return tasks.reduce(0.0) { total, task in
                let adapted = loop.adapt(
                    parameters, prior: prior, support: task.support, objective: task.supportObjective)
                return total + network.loss(task.query, objective: task.queryObjective, parameters: adapted)
            } / Double(tasks.count)
        }
        #expect(errors[0] > errors[1] && errors[1] > errors[2], "K-shot errors \(errors)")
        #expect(errors[2] < 0.1 * errors[0], "K-shot errors \(errors)")
    }

    @Test("Every objective gives the head one target per row: ratings, or the rows' relevance labels")
    func regressionTargetsOfEveryObjective() {
        #expect(Objective.meanSquaredError(targets: [4, 2]).regressionTargets(rows: 2) == [4, 2])
        #expect(Objective.binaryCrossEntropyWithLogits(labels: [1, 0, 0]).regressionTargets(rows: 3) == [1, 0, 0])
        #expect(Objective.joint(targets: [5], labels: [1, 0], weight: 0.5).regressionTargets(rows: 2) == [1, 0])
        let pairs = [PreferencePair(positive: 0, negative: 2), PreferencePair(positive: 1, negative: 3)]
        #expect(Objective.bayesianPersonalizedRanking(pairs: pairs).regressionTargets(rows: 4) == [1, 1, 0, 0])
        #expect(
            Objective.sampledSoftmax(groups: [[0, 2, 3], [1, 4]], logQ: [0, 0, 0, 0, 0]).regressionTargets(rows: 5) == [
                1, 1, 0, 0, 0,
            ])
    }
}
