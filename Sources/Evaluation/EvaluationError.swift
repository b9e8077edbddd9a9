import RecData

/// A failure of a model or a configuration under evaluation, reported with the cell
/// rather than crashing the run.
public enum EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A model returned a different number of scores than candidates it was given.
    case wrongScoreCount(model: String, expected: Int, received: Int)
    /// A model returned a different number of rating predictions than items asked for.
    case wrongRatingCount(model: String, expected: Int, received: Int)
    /// A segment breakdown names neither `activity`, `archetype` nor a user feature of the dataset.
    case unknownSegment(name: String, available: [String])
    /// Results are to be broken down by `archetype`, but the data has no hidden archetypes
    /// (only simulated worlds do).
    case missingArchetypes
    /// Item introduction times were given for a different number of items than the dataset has.
    case introductionCount(expected: Int, received: Int)
    /// Item lifespans were given for a different number of items than the dataset has.
    case lifespanCount(expected: Int, received: Int)
    /// A segment breakdown names a dense user feature, which has no values to group by.
    case unsegmentableFeature(name: String)
    /// A metric cannot be computed from the inputs at hand (say, novelty from TREC files).
    case unsupportedMetric(name: String, reason: String)
    /// The reference model or run named for the paired tests is not among those evaluated.
    case unknownReference(name: String, available: [String])
    /// The oracle model was run where there is no oracle (real data).
    case noOracle(model: String)
    /// A protocol found no user to evaluate, so it would report nothing.
    case noEvaluatedUsers(protocolName: String, reason: String)

    public var description: String {
        switch self {
        case let .wrongScoreCount(model, expected, received):
            return "model '\(model)' returned \(received) scores for \(expected) candidates"
        case let .wrongRatingCount(model, expected, received):
            return "model '\(model)' returned \(received) rating predictions for \(expected) items"
        case let .unknownSegment(name, available):
            return
                "segment '\(name)' is neither 'activity', 'archetype' nor a user feature; available: \(available.joined(separator: ", "))"
        case .missingArchetypes:
            return "segment 'archetype' needs a simulated world's hidden archetypes; this data has none"
        case let .introductionCount(expected, received):
            return "item introduction times were given for \(received) items; the dataset has \(expected)"
        case let .lifespanCount(expected, received):
            return "item lifespans were given for \(received) items; the dataset has \(expected)"
        case let .unsegmentableFeature(name):
            return "segment '\(name)' is a dense user feature, which cannot group users"
        case let .unsupportedMetric(name, reason):
            return "metric '\(name)' cannot be computed here: \(reason)"
        case let .unknownReference(name, available):
            return "reference '\(name)' is not among the evaluated: \(available.joined(separator: ", "))"
        case let .noOracle(model):
            return "model '\(model)' ranks by true utility, which only a simulated world has"
        case let .noEvaluatedUsers(protocolName, reason):
            return "the \(protocolName) protocol evaluates no user: \(reason)"
        }
    }
}

extension EvaluationError: UserFacingError {}
