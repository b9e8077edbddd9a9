/// A model that personalizes by changing some of its parameters per user, and can say how
/// many: the figure parameter-efficient adaptation is judged by beside its accuracy.
public protocol AdaptationFootprint {
    /// The number of scalars adapted per user after fitting; `nil` before fitting, or when
    /// the fitted model adapts nothing (zero inner steps).
    var adaptedParameterCount: Int? { get }
}

extension MetaLearner: AdaptationFootprint {}

extension NetworkBaseline: AdaptationFootprint {}

extension GridSearch: AdaptationFootprint {
    /// The chosen combination's count, when that model has one.
    public var adaptedParameterCount: Int? {
        (chosenModel as? any AdaptationFootprint)?.adaptedParameterCount
    }
}
