/// A failure of a model under evaluation, reported with the cell rather than crashing the run.
public enum EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A model returned a different number of scores than candidates it was given.
    case wrongScoreCount(model: String, expected: Int, received: Int)
    /// A model returned a different number of rating predictions than items asked for.
    case wrongRatingCount(model: String, expected: Int, received: Int)

    public var description: String {
        switch self {
        case let .wrongScoreCount(model, expected, received):
            return "model '\(model)' returned \(received) scores for \(expected) candidates"
        case let .wrongRatingCount(model, expected, received):
            return "model '\(model)' returned \(received) rating predictions for \(expected) items"
        }
    }
}
