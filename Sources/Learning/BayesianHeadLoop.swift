import Foundation

/// Meta-learning a Bayesian linear head (ALPaCA; Harrison, Sharma & Pavone, WAFR 2018):
/// a network's last hidden layer is the representation `h`, its output layer `[W, b]` is
/// the prior mean `μ₀` of the head's weights on `φ = [h, 1]`, and a prior precision
/// `Λ₀ = FFᵀ + εI` and a noise `σ² = exp(η)` are meta-learned beside them (the prior
/// tensors `[F, η]`). Adapting to a task is the exact posterior — no gradient steps; the
/// meta-gradient runs back through the closed form into the prior and the representation.
public struct BayesianHeadLoop: Sendable {
    /// The network; its output layer is the head (``InnerLoop/adaptedIndices``), no steps.
    public let base: InnerLoop
    /// The jitter `ε` added to `FFᵀ`, which keeps `Λ₀` positive definite.
    static let jitter = 1e-6

    /// Creates the loop for `network` (without adapter).
    public init(network: FeatureNetwork) {
        precondition(network.adapter == nil, "a Bayesian head sits on a network without an adapter")
        base = InnerLoop(network: network, adaptedIndices: network.headIndices, steps: 0, learningRate: 0)
    }

    private var network: FeatureNetwork { base.network }

    /// The number of head weights: the last hidden width plus the bias.
    public var headSize: Int { network.layers[network.layers.count - 1].inputWidth + 1 }

    // MARK: - Prior

    /// Initial prior tensors: `F = √precision · I` and `η = log noiseVariance`.
    public func initialPriorParameters(precision: Float, noiseVariance: Float) -> ParameterSet {
        var factor = Matrix(rows: headSize, columns: headSize)
        for i in 0..<headSize { factor[i, i] = precision.squareRoot() }
        return ParameterSet([factor, Matrix(rows: 1, columns: 1, storage: [log(noiseVariance)])])
    }

    /// The prior that `parameters` (its head) and `prior` (`[F, η]`) define. Each entry
    /// `Λ₀ᵢⱼ = [i = j]ε + Σₖ FᵢₖFⱼₖ` adds its products in increasing `k`; a row's entries
    /// are accumulated side by side.
    public func prior(_ parameters: ParameterSet, prior: ParameterSet) -> GaussianPrior {
        let m = headSize
        let head = network.headIndices
        let mean = parameters[head[0]].storage.map(Double.init) + [Double(parameters[head[1]].storage[0])]
        let factor = prior[0].storage.map(Double.init)
        // `transposed[k * m + j]` holds `Fⱼₖ`.
        var transposed = [Double](repeating: 0, count: m * m)
        for j in 0..<m { for k in 0..<m { transposed[k * m + j] = factor[j * m + k] } }
        var precision = [Double](repeating: 0, count: m * m)
        transposed.withUnsafeBufferPointer { transposed in
            precision.withUnsafeMutableBufferPointer { precision in
                let p = precision.baseAddress!
                for i in 0..<m {
                    let row = p + i * m
                    row[i] = Self.jitter
                    for k in 0..<m {
                        let (value, column) = (factor[i * m + k], transposed.baseAddress! + k * m)
                        for j in 0...i { row[j] += value * column[j] }
                    }
                    for j in 0..<i { p[j * m + i] = row[j] }
                }
            }
        }
        return GaussianPrior(mean: mean, precision: precision, noiseVariance: exp(Double(prior[1].storage[0])))
    }

    // MARK: - Adaptation

    /// The posterior after `support`; `nil` when it is not positive definite.
    public func posterior(_ parameters: ParameterSet, prior: GaussianPrior, support: FeatureBatch, objective: Objective)
        -> GaussianPosterior?
    {
        let features = network.representation(support, parameters: parameters).features
        return prior.posterior(features: features, targets: objective.regressionTargets(rows: features.rows))
    }

    /// `parameters` with the head set to the posterior mean after `support` (the prior mean
    /// when the posterior is not positive definite, which needs non-finite inputs).
    public func adapt(_ parameters: ParameterSet, prior: ParameterSet, support: FeatureBatch, objective: Objective)
        -> ParameterSet
    {
        adapt(parameters, prior: self.prior(parameters, prior: prior), support: support, objective: objective)
    }

    /// ``adapt(_:prior:support:objective:)`` under the prior `prior` already computed from
    /// the parameters and the prior tensors.
    public func adapt(_ parameters: ParameterSet, prior: GaussianPrior, support: FeatureBatch, objective: Objective)
        -> ParameterSet
    {
        guard let posterior = posterior(parameters, prior: prior, support: support, objective: objective) else {
            return parameters
        }
        return withHead(posterior.mean, in: parameters)
    }

    /// `parameters` whose output layer holds `weights` (bias last).
    public func withHead(_ weights: [Double], in parameters: ParameterSet) -> ParameterSet {
        let head = network.headIndices
        var result = parameters
        result[head[0]] = Matrix(rows: weights.count - 1, columns: 1, storage: weights.dropLast().map(Float.init))
        result[head[1]] = Matrix(rows: 1, columns: 1, storage: [Float(weights[weights.count - 1])])
        return result
    }

    // MARK: - Meta-gradient

    /// The task's predictive loss (see ``GaussianPrior/predictiveLoss(supportFeatures:supportTargets:queryFeatures:queryTargets:)``).
    public func queryLoss(_ parameters: ParameterSet, prior: ParameterSet, task: MetaTask) -> Double {
        queryLoss(parameters, prior: self.prior(parameters, prior: prior), task: task)
    }

    /// The task's predictive loss under the prior `prior` already computed from the
    /// parameters and the prior tensors (`infinity` when the posterior is not positive
    /// definite): the representations by the forward pass alone, no gradient.
    public func queryLoss(_ parameters: ParameterSet, prior: GaussianPrior, task: MetaTask) -> Double {
        let support = network.features(task.support, parameters: parameters)
        let query = network.features(task.query, parameters: parameters)
        return prior.predictiveLossValue(
            supportFeatures: support, supportTargets: task.supportObjective.regressionTargets(rows: support.rows),
            queryFeatures: query, queryTargets: task.queryObjective.regressionTargets(rows: query.rows)
        ) ?? .infinity
    }

    /// The mean predictive loss over `tasks` and its gradients with respect to the network
    /// (representation and head, the prior mean) and to the prior tensors `[F, η]`. The
    /// tasks are stacked by `InnerLoop.tasksPerStack` (each stack's rows in one forward and
    /// one backward pass), the stacks spread over `workers` threads and summed in order, so
    /// the result does not depend on `workers`. `nil` when a posterior is not positive
    /// definite.
    public func metaGradient(
        _ parameters: ParameterSet, prior priorParameters: ParameterSet, tasks: [MetaTask], workers: Int = 1
    ) -> BayesianMetaGradient? {
        precondition(!tasks.isEmpty, "a meta-batch needs at least one task")
        let prior = prior(parameters, prior: priorParameters)
        let results = TaskParallel.map(InnerLoop.stacks(of: tasks), workers: workers) {
            stackGradient(parameters, prior: prior, tasks: $0)
        }
        guard let first = results[0], results.allSatisfy({ $0 != nil }) else { return nil }
        var total = first
        for result in results.dropFirst() {
            let r = result!
            total.loss += r.loss
            total.network.add(r.network)
            DenseAlgebra.add(&total.precision, r.precision)
            DenseAlgebra.add(&total.information, r.information)
            total.noiseVariance += r.noiseVariance
        }
        let count = Double(tasks.count)
        let (precisionGradient, meanGradient) = prior.priorGradient(
            precision: total.precision, information: total.information)
        var gradient = total.network
        gradient.add(withHead(meanGradient, in: network.zeros))
        gradient.scale(by: Float(1 / count))
        let m = headSize
        let factor = priorParameters[0].storage.map(Double.init)
        var factorGradient = Matrix(rows: m, columns: m)
        // `∂L/∂Fᵢₖ = Σⱼ (Gᵢⱼ + Gⱼᵢ) Fⱼₖ`, the products added in increasing `j`, a row's
        // entries side by side.
        var sums = [Double](repeating: 0, count: m)
        factor.withUnsafeBufferPointer { factor in
            sums.withUnsafeMutableBufferPointer { sums in
                for i in 0..<m {
                    for k in 0..<m { sums[k] = 0 }
                    for j in 0..<m {
                        let symmetric = precisionGradient[i * m + j] + precisionGradient[j * m + i]
                        let row = factor.baseAddress! + j * m
                        for k in 0..<m { sums[k] += symmetric * row[k] }
                    }
                    for k in 0..<m { factorGradient.storage[i * m + k] = Float(sums[k] / count) }
                }
            }
        }
        let noiseGradient = Float(total.noiseVariance * prior.noiseVariance / count)
        return BayesianMetaGradient(
            loss: total.loss / count, gradient: gradient,
            priorGradient: ParameterSet([factorGradient, Matrix(rows: 1, columns: 1, storage: [noiseGradient])])
        )
    }

    /// The summed losses and gradients of a stack of tasks, before the prior's chain rule:
    /// every task's support and query rows through one forward pass (its first layer field
    /// by field), each task's
    /// predictive loss on its rows, and one backward pass of the stacked feature
    /// gradients (the sum of the tasks' backward passes; its first layer through the codes
    /// the stack touches).
    private func stackGradient(_ parameters: ParameterSet, prior: GaussianPrior, tasks: [MetaTask]) -> TaskGradient? {
        let side = StackSide(
            batches: tasks.map { FeatureBatch.stacking([$0.support, $0.query]) },
            objectives: tasks.map(\.queryObjective))
        let representation = network.fieldwiseRepresentation(side.batch, parameters: parameters)
        let features = representation.features
        var featureGradient = Matrix(zerosLike: features)
        let m = prior.size
        var total = TaskGradient(
            loss: 0, network: network.zeros, precision: [Double](repeating: 0, count: m * m),
            information: [Double](repeating: 0, count: m), noiseVariance: 0)
        var offset = 0
        for task in tasks {
            let (ns, nq) = (task.support.rows, task.query.rows)
            guard
                let g = prior.predictiveLoss(
                    supportFeatures: features.rows(offset..<(offset + ns)),
                    supportTargets: task.supportObjective.regressionTargets(rows: ns),
                    queryFeatures: features.rows((offset + ns)..<(offset + ns + nq)),
                    queryTargets: task.queryObjective.regressionTargets(rows: nq)
                )
            else { return nil }
            featureGradient.replaceRows(from: offset, with: g.supportFeatures)
            featureGradient.replaceRows(from: offset + ns, with: g.queryFeatures)
            total.loss += g.loss
            DenseAlgebra.add(&total.precision, g.precision)
            DenseAlgebra.add(&total.information, g.information)
            total.noiseVariance += g.noiseVariance
            offset += ns + nq
        }
        total.network = network.stackedRepresentationGradient(
            representation, side: side, parameters: parameters, featureGradient: featureGradient)
        return total
    }

    private struct TaskGradient: Sendable {
        var loss: Double
        var network: ParameterSet
        var precision: [Double]
        var information: [Double]
        var noiseVariance: Double
    }
}

/// What ``BayesianHeadLoop/metaGradient(_:prior:tasks:workers:)`` returns.
public struct BayesianMetaGradient: Sendable {
    /// The mean predictive loss.
    public var loss: Double
    /// Its gradient with respect to the network's parameters.
    public var gradient: ParameterSet
    /// Its gradient with respect to the prior tensors `[F, η]`.
    public var priorGradient: ParameterSet
}

// MARK: - Targets

extension Objective {
    /// The targets a Bayesian linear head regresses on, one per row of a batch of `rows`:
    /// ratings under squared error, and otherwise the 0/1 relevance labels of the rows the
    /// objective was built on (a linear-Gaussian model of the label) — the labels of binary
    /// cross-entropy and of the joint objective's relevance head, the positive rows of
    /// preference pairs, the first row of each sampled-softmax group.
    public func regressionTargets(rows: Int) -> [Float] {
        switch self {
        case let .meanSquaredError(targets): return targets
        case let .binaryCrossEntropyWithLogits(labels): return labels
        case let .joint(_, labels, _): return labels
        case let .bayesianPersonalizedRanking(pairs):
            var labels = [Float](repeating: 0, count: rows)
            for pair in pairs where pair.positive < rows { labels[pair.positive] = 1 }
            return labels
        case let .sampledSoftmax(groups, _):
            var labels = [Float](repeating: 0, count: rows)
            for group in groups { if let positive = group.first, positive < rows { labels[positive] = 1 } }
            return labels
        }
    }
}
