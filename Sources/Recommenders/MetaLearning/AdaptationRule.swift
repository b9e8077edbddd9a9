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
