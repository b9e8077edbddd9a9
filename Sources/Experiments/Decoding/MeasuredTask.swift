import Evaluation
import Recommenders

/// What a scenario measures and on what data, which decides a neural model's `auto`
/// objective and which objective parameters are consistent.
struct MeasuredTask {
    /// Whether some metric scores a ranked list (the drift protocol always does).
    let ranking: Bool
    /// Whether some metric scores predicted ratings.
    let ratings: Bool
    /// Whether the data's interactions carry ratings.
    let hasRatings: Bool

    init(metrics: [Metric], ranksInDrift: Bool, hasRatings: Bool) {
        ranking = ranksInDrift || metrics.contains { $0.family != .ratingAccuracy && $0.family != .modelSize }
        ratings = metrics.contains { $0.family == .ratingAccuracy }
        self.hasRatings = hasRatings
    }

    /// `parameters` with an `auto` objective replaced by the one it stands for here; an
    /// inconsistent objective setting is an error at the parameter at fault (`nodes` holds
    /// the given parameters' nodes, `fallback` is blamed for a default).
    func resolvingObjective(_ parameters: ModelParameters, at nodes: [String: SpecNode], fallback: SpecNode) throws
        -> ModelParameters
    {
        guard parameters.values[ObjectiveParameters.objective] != nil else { return parameters }
        let resolved = ObjectiveParameters.resolving(
            parameters, measuresRanking: ranking, measuresRatings: ratings, hasRatings: hasRatings)
        if let problem = ObjectiveParameters.problem(in: resolved, hasRatings: hasRatings) {
            throw (nodes[problem.parameter] ?? fallback).error("parameter '\(problem.parameter)': \(problem.message)")
        }
        return resolved
    }
}
