/// How a model with a posterior over its head serves a ranking: by the posterior mean, by
/// a draw from the posterior, or by an upper confidence bound.
public enum Exploration: Hashable, Sendable {
    /// Rank by the posterior mean.
    case none
    /// Thompson sampling (Thompson 1933; Chapelle & Li, NIPS 2011): rank by the scores of
    /// one weight vector drawn from the posterior, a fresh draw after each observation.
    case thompson
    /// An upper confidence bound (Auer 2002; Li et al., "LinUCB", WWW 2010): the mean plus
    /// `weight` posterior standard deviations of the mean prediction.
    case upperConfidenceBound(weight: Double)

    /// The `exploration` parameter's words.
    static let names = ["none", "thompson", "ucb"]

    /// The exploration the resolved `exploration` and `ucb_weight` parameters name.
    static func fromParameters(_ parameters: ModelParameters) -> Exploration {
        switch parameters.string("exploration") {
        case "thompson": return .thompson
        case "ucb": return .upperConfidenceBound(weight: parameters.double("ucb_weight") ?? 1)
        default: return .none
        }
    }
}
