import Dispatch
import Foundation
import Learning

// Meta-training throughput on the MeLU architecture (Lee et al., KDD 2019): 8 categorical
// fields embedded to 32 (256 wide), dense 64 → 64 → 1, MSE; support 20, query 10,
// meta-batches of 32 tasks; only the decision layers adapt, the embeddings are learned in
// the outer loop. One meta-step is the meta-gradient of a meta-batch plus an Adam update.
// Two more configurations on the same tasks: iMAML (Rajeswaran et al. 2019; the decision
// layers adapt by 5 proximal steps with λ = 2, implicit meta-gradient by 5 conjugate-gradient
// steps) and the Bayesian head (ALPaCA, Harrison et al. 2018; exact posterior of a 65-weight
// head on the last hidden layer, predictive loss, gradient into features and prior).
// And the meta-learned two-tower model (`meta-two-tower`) on the same rows: the first 4
// fields are the user's, the last 4 the item's; item tower 4 × 32 → 64 → 33, a linear user
// tower, 3 inner steps on the 33-scalar user state, exact second order, learned rates.
// And MAML's second-order 1-step configuration under each training objective the toolkit
// offers (`objective-mse`, `-bce`, `-bpr`, `-softmax`, `-joint`): the ranking objectives see
// each of the 20 (support) or 10 (query) positives with 4 sampled negatives, as the
// toolkit's default `negatives: 4`, so their tasks have 100 and 50 rows; `joint` has a
// rating and a relevance output (ranking weight 0.5) on the same 100 and 50 rows.
// Prints one line per configuration: `swift <config> <tasks per second> cpu=<tasks per
// CPU-second>`; the second figure helps when the machine is shared.

// MARK: - Configuration

struct Options {
    var threads = 2
    var seconds = 3.0
    var cardinality = 100
    var only: String?

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--threads": threads = Int(iterator.next() ?? "") ?? threads
            case "--seconds": seconds = Double(iterator.next() ?? "") ?? seconds
            case "--cardinality": cardinality = Int(iterator.next() ?? "") ?? cardinality
            case "--only": only = iterator.next()
            default: fatalError("unknown argument \(argument); use --threads N --seconds S --cardinality C --only CONFIG")
            }
        }
    }
}

struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Benchmark

@main
struct MetaTrainingThroughput {
    static func main() {
        let options = Options(arguments: CommandLine.arguments)
        let fieldCount = 8
        let (supportSize, querySize, metaBatch) = (20, 10, 32)
        let network = FeatureNetwork(
            fields: Array(repeating: .categorical(cardinality: options.cardinality, dimension: 32), count: fieldCount),
            hiddenWidths: [64, 64]
        )


        var generator = Generator(state: 42)
        func batch(rows: Int) -> (FeatureBatch, Objective) {
            let columns = (0..<fieldCount).map { _ in InputColumn.codes((0..<rows).map { _ in Int32(generator.next() % UInt64(options.cardinality)) }) }
            let targets = (0..<rows).map { _ in Float(1 + generator.next() % 5) }
            return (FeatureBatch(rows: rows, columns: columns), .meanSquaredError(targets: targets))
        }
        let metaBatches: [[MetaTask]] = (0..<8).map { _ in
            (0..<metaBatch).map { _ in
                let (support, supportObjective) = batch(rows: supportSize)
                let (query, queryObjective) = batch(rows: querySize)
                return MetaTask(support: support, supportObjective: supportObjective, query: query, queryObjective: queryObjective)
            }
        }


        func measure(_ metaStep: (Int) -> Void) -> (wall: Double, cpu: Double) {
            for index in 0..<3 { metaStep(index) }
            let start = Date()
            let cpuStart = clock()
            var count = 0
            while Date().timeIntervalSince(start) < options.seconds {
                metaStep(count)
                count += 1
            }
            let cpuSeconds = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
            return (Double(count * metaBatch) / Date().timeIntervalSince(start), Double(count * metaBatch) / cpuSeconds)
        }

        func measure(steps: Int, order: MetaGradientOrder) -> (wall: Double, cpu: Double) {
            var parameters = network.initialParameters(outputBias: 3, using: &generator)
            let loop = InnerLoop(network: network, adaptedIndices: network.decisionIndices, steps: steps, learningRate: 5e-3)
            var optimizer = Adam(learningRate: 5e-5)
            return measure { index in
                let result = loop.metaGradient(parameters, tasks: metaBatches[index % metaBatches.count], order: order, workers: options.threads)
                optimizer.step(&parameters, gradient: result.gradient)
            }
        }

        func measureIMAML() -> (wall: Double, cpu: Double) {
            var parameters = network.initialParameters(outputBias: 3, using: &generator)
            let base = InnerLoop(network: network, adaptedIndices: network.decisionIndices, steps: 5, learningRate: 5e-3)
            let loop = ProximalInnerLoop(base: base, lambda: 2, cgSteps: 5)
            var optimizer = Adam(learningRate: 5e-5)
            return measure { index in
                let result = loop.metaGradient(parameters, tasks: metaBatches[index % metaBatches.count], workers: options.threads)
                optimizer.step(&parameters, gradient: result.gradient)
            }
        }

        func measureBayesianHead() -> (wall: Double, cpu: Double) {
            var parameters = network.initialParameters(outputBias: 3, using: &generator)
            let loop = BayesianHeadLoop(network: network)
            var prior = loop.initialPriorParameters(precision: 1, noiseVariance: 1)
            var optimizer = Adam(learningRate: 5e-5)
            var priorOptimizer = Adam(learningRate: 5e-5)
            return measure { index in
                let result = loop.metaGradient(parameters, prior: prior, tasks: metaBatches[index % metaBatches.count], workers: options.threads)!
                optimizer.step(&parameters, gradient: result.gradient)
                priorOptimizer.step(&prior, gradient: result.priorGradient)
            }
        }

        func measureTwoTower() -> (wall: Double, cpu: Double) {
            let half = fieldCount / 2
            let field = InputField.categorical(cardinality: options.cardinality, dimension: 32)
            let twoTower = TwoTowerNetwork(
                itemFields: Array(repeating: field, count: half), userFields: Array(repeating: field, count: half),
                hiddenWidths: [64], latentWidth: 32, steps: 3
            )
            let split = { (batch: FeatureBatch) in FeatureBatch(rows: batch.rows, columns: Array(batch.columns[half...])) }
            let tasks = metaBatches.map { batch in
                batch.map { task in
                    let user = FeatureBatch(rows: 1, columns: task.query.columns.prefix(half).map { column in
                        guard case let .codes(codes) = column else { fatalError("categorical fields only") }
                        return .codes([codes[0]])
                    })
                    return TwoTowerTask(user: user, support: split(task.support), supportObjective: task.supportObjective, query: split(task.query), queryObjective: task.queryObjective)
                }
            }
            var parameters = twoTower.initialParameters(innerRate: 0.5, outputBias: 3, using: &generator)
            var optimizer = Adam(learningRate: 3e-3)
            return measure { index in
                let result = twoTower.metaGradient(parameters, tasks: tasks[index % tasks.count], order: .second, workers: options.threads)
                optimizer.step(&parameters, gradient: result.gradient)
            }
        }

        func measure(objective: String) -> (wall: Double, cpu: Double) {
            let negatives = 4
            func rows(positives: Int) -> (FeatureBatch, Objective) {
                if objective == "mse" { return batch(rows: positives) }
                let (inputs, ratings) = batch(rows: positives * (1 + negatives))
                let labels = (0..<inputs.rows).map { Float($0 < positives ? 1 : 0) }
                let firstNegative = positives
                switch objective {
                case "bce": return (inputs, .binaryCrossEntropyWithLogits(labels: labels))
                case "bpr":
                    let pairs = (0..<positives).flatMap { positive in
                        (0..<negatives).map { PreferencePair(positive: positive, negative: firstNegative + positive * negatives + $0) }
                    }
                    return (inputs, .bayesianPersonalizedRanking(pairs: pairs))
                case "softmax":
                    let groups = (0..<positives).map { positive in
                        [positive] + (0..<negatives).map { firstNegative + positive * negatives + $0 }
                    }
                    let logQ = (0..<inputs.rows).map { _ in -Float(1 + generator.next() % 5) }
                    return (inputs, .sampledSoftmax(groups: groups, logQ: logQ))
                case "joint":
                    guard case let .meanSquaredError(targets) = ratings else { fatalError("ratings expected") }
                    return (inputs, .joint(targets: Array(targets.prefix(positives)), labels: labels, weight: 0.5))
                default: fatalError("unknown objective \(objective)")
                }
            }
            let tasks: [[MetaTask]] = (0..<8).map { _ in
                (0..<metaBatch).map { _ in
                    let (support, supportObjective) = rows(positives: supportSize)
                    let (query, queryObjective) = rows(positives: querySize)
                    return MetaTask(support: support, supportObjective: supportObjective, query: query, queryObjective: queryObjective)
                }
            }
            let objectiveNetwork = FeatureNetwork(
                fields: network.fields, hiddenWidths: [64, 64], outputWidth: objective == "joint" ? 2 : 1)
            var parameters = objectiveNetwork.initialParameters(outputBias: 3, using: &generator)
            let loop = InnerLoop(
                network: objectiveNetwork, adaptedIndices: objectiveNetwork.decisionIndices, steps: 1, learningRate: 5e-3)
            var optimizer = Adam(learningRate: 5e-5)
            return measure { index in
                let result = loop.metaGradient(parameters, tasks: tasks[index % tasks.count], order: .second, workers: options.threads)
                optimizer.step(&parameters, gradient: result.gradient)
            }
        }

        BLAS.setThreadCount(1)
        let configurations = [("second-order-1-step", 1, MetaGradientOrder.second), ("second-order-5-steps", 5, .second), ("first-order-1-step", 1, .first)]
        for (label, steps, order) in configurations where options.only == nil || options.only == label {
            let rate = measure(steps: steps, order: order)
            print(String(format: "swift %@ %.1f cpu=%.1f", label, rate.wall, rate.cpu))
        }
        for (label, run) in [("imaml-5-steps", measureIMAML), ("bayesian-head", measureBayesianHead), ("two-tower-3-steps", measureTwoTower)] where options.only == nil || options.only == label {
            let rate = run()
            print(String(format: "swift %@ %.1f cpu=%.1f", label, rate.wall, rate.cpu))
        }
        for objective in ["mse", "bce", "bpr", "softmax", "joint"] where options.only == nil || options.only == "objective-\(objective)" {
            let rate = measure(objective: objective)
            print(String(format: "swift objective-%@ %.1f cpu=%.1f", objective, rate.wall, rate.cpu))
        }
        if options.only == nil || options.only == "bayesian-head-adaptation" {
            // Adapting one user: the representation of its 20 support rows and the exact
            // posterior of the 65-weight head (one thread).
            let loop = BayesianHeadLoop(network: network)
            let parameters = network.initialParameters(outputBias: 3, using: &generator)
            let prior = loop.prior(parameters, prior: loop.initialPriorParameters(precision: 1, noiseVariance: 1))
            let tasks = metaBatches.flatMap { $0 }
            var milliseconds = [Double]()
            for round in 0..<(tasks.count * 8) {
                let task = tasks[round % tasks.count]
                let start = DispatchTime.now().uptimeNanoseconds
                _ = loop.posterior(parameters, prior: prior, support: task.support, objective: task.supportObjective)
                milliseconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            milliseconds.sort()
            let percentile = { (p: Double) in milliseconds[min(milliseconds.count - 1, Int(p * Double(milliseconds.count)))] }
            print(String(format: "latency bayesian-head-adaptation p50=%.3fms p95=%.3fms", percentile(0.5), percentile(0.95)))
        }
    }
}
