/// The scenario-file parameters every neural model accepts for its training objective,
/// and their translation into ``ObjectiveSettings``.
public enum ObjectiveParameters {
    /// The parameter names.
    public static let objective = "objective"
    static let innerObjective = "inner_objective"
    static let positives = "positives"
    /// The parameter name of the negatives per positive.
    public static let negatives = "negatives"
    static let sampler = "sampler"
    static let rankingWeight = "ranking_weight"

    /// The specifications, with the defaults of ``ObjectiveSettings``.
    static var specs: [ParameterSpec] {
        let defaults = ObjectiveSettings()
        return [
            ParameterSpec(
                name: objective, kind: .choice(TrainingObjective.names), defaultValue: .string("auto"),
                summary:
                    "Training objective: mse, bce, bpr (Rendle et al. UAI 2009), softmax (sampled, log-Q corrected: Jean et al. ACL 2015, Yi et al. RecSys 2019) or joint (rating and relevance heads); auto: bpr when the scenario measures rankings only, mse when ratings only, joint when both (bpr on data without ratings)."
            ),
            ParameterSpec(
                name: innerObjective, kind: .choice(["same"] + TrainingObjective.allCases.map(\.rawValue)),
                defaultValue: .string("same"),
                summary: "Objective of the inner loop and of adapting to a user (the support set); same: the objective."
            ),
            ParameterSpec(
                name: positives, kind: .choice(PositiveRule.allCases.map(\.rawValue)),
                defaultValue: .string(defaults.positives.rawValue),
                summary:
                    "Positives of a ranking objective on rated data: all consumed items, or those rated at least 3/4 up the scale (threshold)."
            ),
            ParameterSpec(
                name: negatives, kind: .int(0...1_000), defaultValue: .int(defaults.negatives),
                summary:
                    "Sampled negatives per positive for ranking objectives (never an item of the user's known history; this toolkit's default)."
            ),
            ParameterSpec(
                name: sampler, kind: .choice(NegativeSampler.allCases.map(\.rawValue)),
                defaultValue: .string(defaults.sampler.rawValue),
                summary:
                    "How negatives are drawn: uniform, or popularity (∝ meta-train count^0.75, Mikolov et al. NeurIPS 2013)."
            ),
            ParameterSpec(
                name: rankingWeight, kind: .double(0...1),
                defaultValue: .double(MetaLearnerParameters.decimal(defaults.rankingWeight)),
                summary: "Weight of the relevance head in the joint objective (the rating head gets 1 − it)."
            ),
        ]
    }

    /// Settings from resolved parameters; an `auto` objective is left for fitting to decide
    /// (``ObjectiveSettings/resolved(hasRatings:)``).
    static func settings(from parameters: ModelParameters) -> ObjectiveSettings {
        var settings = ObjectiveSettings()
        if let chosen = parameters.string(objective).flatMap(TrainingObjective.init(rawValue:)) {
            settings.objective = chosen
        } else {
            settings.automatic = parameters.string(objective) == "auto"
        }
        settings.innerObjective = parameters.string(innerObjective).flatMap(TrainingObjective.init(rawValue:))
        settings.positives = parameters.string(positives).flatMap(PositiveRule.init(rawValue:)) ?? settings.positives
        settings.negatives = parameters.int(negatives) ?? settings.negatives
        settings.sampler = parameters.string(sampler).flatMap(NegativeSampler.init(rawValue:)) ?? settings.sampler
        settings.rankingWeight = Float(parameters.double(rankingWeight) ?? Double(settings.rankingWeight))
        return settings
    }

    /// What is wrong with the objective parameters in `parameters` for data with or without
    /// ratings, naming the parameter at fault; `nil` when they are consistent.
    public static func problem(in parameters: ModelParameters, hasRatings: Bool) -> (
        parameter: String, message: String
    )? {
        let outer = parameters.string(objective).flatMap(TrainingObjective.init(rawValue:))
        let inner = parameters.string(innerObjective).flatMap(TrainingObjective.init(rawValue:))
        for (name, chosen) in [(objective, outer), (innerObjective, inner)] {
            if let chosen, chosen.needsRatings, !hasRatings {
                return (
                    name,
                    "'\(chosen.rawValue)' needs ratings, and this scenario's data has none; use bce, bpr or softmax"
                )
            }
        }
        let resolvedOuter =
            outer ?? TrainingObjective.automatic(measuresRanking: true, measuresRatings: true, hasRatings: hasRatings)
        let resolvedInner = inner ?? resolvedOuter
        if (resolvedOuter == .joint) != (resolvedInner == .joint) {
            return (
                innerObjective,
                "the joint objective has two outputs; the inner and outer objectives are both joint or neither"
            )
        }
        if [resolvedOuter, resolvedInner].contains(where: \.ranks), parameters.int(negatives) == 0 {
            return (negatives, "a ranking objective needs at least one negative per positive")
        }
        return nil
    }

    /// `parameters` with an `auto` objective replaced by the objective it stands for in a
    /// scenario that measures rankings, ratings or both on data with or without ratings.
    public static func resolving(
        _ parameters: ModelParameters, measuresRanking: Bool, measuresRatings: Bool, hasRatings: Bool
    ) -> ModelParameters {
        guard parameters.string(objective) == "auto" else { return parameters }
        var values = parameters.values
        values[objective] = .string(
            TrainingObjective.automatic(
                measuresRanking: measuresRanking, measuresRatings: measuresRatings, hasRatings: hasRatings
            ).rawValue)
        return ModelParameters(values)
    }

    /// The objective each model that has one trains for, by label (`mse, inner bpr` when the
    /// inner one differs); `nil` when none has one.
    public static func objectives(of models: [(label: String, parameters: ModelParameters)]) -> [String: String]? {
        var result = [String: String]()
        for (label, parameters) in models {
            guard let outer = parameters.values[objective] else { continue }
            let inner = parameters.values[innerObjective].map(\.description) ?? "same"
            result[label] =
                inner == "same" || inner == outer.description ? outer.description : "\(outer), inner \(inner)"
        }
        return result.isEmpty ? nil : result
    }
}
