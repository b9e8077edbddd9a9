import Learning

/// How a meta-learned initialization is adapted to one user's data.
public enum AdaptationRule: Sendable {
    /// Gradient steps with one learning rate (MAML, FOMAML, MeLU, adapters).
    case gradientSteps(InnerLoop)
    /// Gradient steps with learned per-parameter rates (Meta-SGD).
    case learnedRates(InnerLoop, rates: ParameterSet)
    /// Adam steps (Reptile).
    case adamSteps(InnerLoop)
    /// Gradient steps on the support loss plus a proximal term (iMAML).
    case proximal(ProximalInnerLoop)
    /// The exact posterior of a Bayesian linear head under the prior tensors `prior`.
    case bayesianPosterior(BayesianHeadLoop, prior: ParameterSet)

    /// The inner loop underneath.
    public var loop: InnerLoop {
        switch self {
        case let .gradientSteps(loop), let .learnedRates(loop, _), let .adamSteps(loop): return loop
        case let .proximal(proximal): return proximal.base
        case let .bayesianPosterior(head, _): return head.base
        }
    }

    /// The tensors the outer loop learns beside the initialization: Meta-SGD's rates or the
    /// Bayesian head's prior; `nil` for the other rules.
    public var outerParameters: ParameterSet? {
        switch self {
        case let .learnedRates(_, rates): return rates
        case let .bayesianPosterior(_, prior): return prior
        case .gradientSteps, .adamSteps, .proximal: return nil
        }
    }

    /// The most inner-loop steps one online observation takes (``AdaptedUser/observe(_:)``).
    public static let onlineSteps = 5

    /// The same rule with at most `steps` inner-loop steps; the Bayesian head's exact
    /// posterior takes no steps and is unchanged.
    public func limited(to steps: Int) -> AdaptationRule {
        let bounded = { (loop: InnerLoop) in
            InnerLoop(
                network: loop.network, adaptedIndices: loop.adaptedIndices, steps: min(loop.steps, steps),
                learningRate: loop.learningRate)
        }
        switch self {
        case let .gradientSteps(loop): return .gradientSteps(bounded(loop))
        case let .learnedRates(loop, rates): return .learnedRates(bounded(loop), rates: rates)
        case let .adamSteps(loop): return .adamSteps(bounded(loop))
        case let .proximal(proximal):
            return .proximal(
                ProximalInnerLoop(base: bounded(proximal.base), lambda: proximal.lambda, cgSteps: proximal.cgSteps))
        case .bayesianPosterior: return self
        }
    }

    /// The parameters adapted to `support`.
    public func adapt(_ parameters: ParameterSet, support: FeatureBatch, objective: Objective) -> ParameterSet {
        switch self {
        case let .gradientSteps(loop):
            return loop.adapt(parameters, support: support, objective: objective)
        case let .learnedRates(loop, rates):
            return loop.adapt(parameters, support: support, objective: objective, rates: rates)
        case let .adamSteps(loop):
            return loop.adaptWithAdam(parameters, support: support, objective: objective)
        case let .proximal(proximal):
            return proximal.adapt(parameters, support: support, objective: objective)
        case let .bayesianPosterior(head, prior):
            return head.adapt(parameters, prior: prior, support: support, objective: objective)
        }
    }

    /// The loss the rule's model is meta-trained on, for `task` after adapting on its
    /// support set: the query objective, or the Bayesian head's predictive loss.
    public func queryLoss(_ parameters: ParameterSet, task: MetaTask) -> Double {
        if case let .bayesianPosterior(head, prior) = self {
            return head.queryLoss(parameters, prior: prior, task: task)
        }
        let adapted = adapt(parameters, support: task.support, objective: task.supportObjective)
        return loop.network.loss(task.query, objective: task.queryObjective, parameters: adapted)
    }
}
