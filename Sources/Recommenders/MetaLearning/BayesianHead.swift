/// A closed-form Bayesian meta-learner in the manner of ALPaCA (Harrison, Sharma & Pavone,
/// "Meta-Learning Priors for Efficient Online Bayesian Regression", WAFR 2018): meta-learned
/// features (the last hidden layer of a feature network) and a meta-learned Gaussian prior
/// over a linear head on them (mean, full precision and noise). Adapting to a user is the
/// exact Bayesian linear-regression posterior — no gradient steps — updated exactly as
/// feedback arrives; ratings are regressed, implicit feedback's 0/1 labels (positives and
/// sampled negatives) too. Meta-training minimizes the query set's negative log predictive
/// density back through the closed-form posterior (`BayesianHeadLoop`).
///
/// The posterior variance lets it serve by Thompson sampling or an upper confidence bound
/// (`exploration`), in every protocol that ranks. Architecture defaults are MeLU's (32-wide
/// embeddings, two hidden layers of 64, so a 65-weight head); the outer loop is Adam at
/// 0.003 on meta-batches of 32 with a patience of 10 epochs — at 0.001 and 3 epochs, early
/// stopping ends meta-training before the features separate items along users' tastes,
/// and the posterior has nothing to personalize with (`docs/meta-learner-defaults.md`).
public enum BayesianHead {
    /// The defaults.
    public static var defaults: MetaLearnerSettings {
        var settings = MetaLearnerSettings()
        settings.innerSteps = 0
        settings.metaLearningRate = 0.003
        settings.patience = 10
        return settings
    }

    /// The registry entry.
    public static let descriptor = ModelDescriptor(
        name: "bayesian-head",
        summary:
            "ALPaCA-style Bayesian head (Harrison et al. 2018): meta-learned features and Gaussian prior; exact posterior per user; regresses ratings (mse) or, for any ranking objective, 0/1 relevance labels.",
        parameters: MetaLearnerParameters.specs(defaults: defaults).filter {
            !["inner_steps", "inner_lr"].contains($0.name)
        } + [
            ParameterSpec(
                name: "exploration", kind: .choice(Exploration.names), defaultValue: .string("none"),
                summary: "Serve by the posterior mean, Thompson sampling, or an upper confidence bound."),
            ParameterSpec(
                name: "ucb_weight", kind: .double(0...100), defaultValue: .double(1),
                summary: "Posterior standard deviations added by the upper confidence bound."),
        ]
    ) { parameters, _ in model(parameters) }

    /// A Bayesian-head learner from resolved parameters.
    public static func model(_ parameters: ModelParameters) -> MetaLearner {
        MetaLearner(
            name: "bayesian-head", algorithm: .bayesianHead(exploration: Exploration.fromParameters(parameters)),
            scope: .head,
            settings: MetaLearnerParameters.settings(from: parameters, defaults: defaults)
        )
    }
}

extension ObjectiveSettings {
    /// The examples a linear-Gaussian head regresses: squared error of ratings stays; every
    /// ranking objective, and the joint one, becomes binary cross-entropy's examples —
    /// positives and sampled negatives labelled 1 and 0 — whose labels the head regresses
    /// (a linear-probability model of relevance, as ALPaCA regresses any target).
    var regressedByLinearHead: ObjectiveSettings {
        var result = self
        result.objective = objective == .mse ? .mse : .bce
        result.innerObjective = innerObjective.map { $0 == .mse ? .mse : .bce }
        return result
    }
}
