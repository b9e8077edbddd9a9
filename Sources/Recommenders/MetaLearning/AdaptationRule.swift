import Learning

/// How a meta-learned initialization is adapted to one user's data.
public enum AdaptationRule: Sendable {
    /// Gradient steps with one learning rate (MAML, FOMAML, MeLU, adapters).
    case gradientSteps(InnerLoop)
    /// Gradient steps with learned per-parameter rates (Meta-SGD).
    case learnedRates(InnerLoop, rates: ParameterSet)
    /// Adam steps (Reptile).
    case adamSteps(InnerLoop)

    /// The inner loop underneath.
    public var loop: InnerLoop {
        switch self {
        case let .gradientSteps(loop), let .learnedRates(loop, _), let .adamSteps(loop): return loop
        }
    }

    /// The most inner-loop steps one online observation takes (``AdaptedUser/observe(_:)``).
    public static let onlineSteps = 5

    /// The same rule with at most `steps` inner-loop steps.
    public func limited(to steps: Int) -> AdaptationRule {
        let bounded = { (loop: InnerLoop) in
            InnerLoop(network: loop.network, adaptedIndices: loop.adaptedIndices, steps: min(loop.steps, steps), learningRate: loop.learningRate)
        }
        switch self {
        case let .gradientSteps(loop): return .gradientSteps(bounded(loop))
        case let .learnedRates(loop, rates): return .learnedRates(bounded(loop), rates: rates)
        case let .adamSteps(loop): return .adamSteps(bounded(loop))
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
        }
    }
}
