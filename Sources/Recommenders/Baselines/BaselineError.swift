/// Why a baseline cannot go on.
public enum BaselineError: Error, Equatable, CustomStringConvertible {
    /// The model was asked to adapt before it was fitted.
    case notFitted(model: String)
    /// A grid search was asked for but there are no validation users to search on.
    case noValidationUsers(model: String)
    /// Training produced a NaN or infinite value.
    case diverged(model: String, detail: String)

    public var description: String {
        switch self {
        case let .notFitted(model):
            return "\(model) must be fitted before it can adapt to a user"
        case let .noValidationUsers(model):
            return
                "\(model) has a parameter grid but the protocol gives no validation users; give the split a validation share"
        case let .diverged(model, detail):
            return "\(model) diverged: \(detail); lower the learning rate or raise the regularization"
        }
    }
}
