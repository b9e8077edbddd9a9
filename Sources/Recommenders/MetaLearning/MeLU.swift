/// MeLU (Lee, Im, Jang, Cho & Chung, "MeLU: Meta-Learned User Preference Estimator for
/// Cold-Start Recommendation", KDD 2019).
///
/// User and item features are embedded (32 wide) and concatenated, then two hidden ReLU
/// layers of 64 and a linear rating output. Only the decision layers adapt per user, by
/// 1 or 5 local steps; the embeddings are learned in the outer loop only. The meta-gradient
/// is the exact second-order one the paper defines (the official code loses it by copying
/// weights through `state_dict`).
///
/// The paper's rates — local α = 5·10⁻⁶, global β = 5·10⁻⁵ — are `preset: paper`. At them
/// the local update moves a prediction by about 10⁻⁵ stars on MovieLens-100K, so MeLU is a
/// network that does not adapt; the toolkit's defaults (α = 0.5, β = 10⁻³, chosen by the
/// sweep in `docs/meta-learner-defaults.md`) move it.
public enum MeLU {
    /// The toolkit's defaults: the paper's architecture and batches, rates that adapt.
    public static var defaults: MetaLearnerSettings {
        var settings = paper
        settings.innerLearningRate = 0.5
        settings.metaLearningRate = 1e-3
        return settings
    }

    /// The paper's settings (Lee et al. KDD 2019, §4: α = 5·10⁻⁶, β = 5·10⁻⁵, batches of 32).
    public static var paper: MetaLearnerSettings {
        var settings = MetaLearnerSettings()
        settings.embeddingDimension = 32
        settings.hiddenWidths = [64, 64]
        settings.innerSteps = 1
        settings.innerLearningRate = 5e-6
        settings.metaLearningRate = 5e-5
        settings.metaBatchSize = 32
        return settings
    }

    /// The registry entry.
    public static let descriptor = ModelDescriptor(
        name: "melu",
        summary: "MeLU (Lee et al. KDD 2019): feature embeddings shared, decision layers adapt per user.",
        parameters: MetaLearnerParameters.specs(defaults: defaults).filter { $0.name != "inner_steps" } + [
            ParameterSpec(
                name: "local_steps", kind: .int(1...20), defaultValue: .int(1),
                summary: "Local updates per user (the paper uses 1 or 5)."),
            ParameterSpec(
                name: "first_order", kind: .bool, defaultValue: .bool(false), summary: "Drop the second-order term."),
            MetaLearnerParameters.preset(paper: "Lee et al. KDD 2019 (α = 5e-6, β = 5e-5)"),
        ]
    ) { parameters, _ in model(parameters) }

    /// A MeLU learner from resolved parameters.
    public static func model(_ parameters: ModelParameters) -> MetaLearner {
        var settings = MetaLearnerParameters.settings(from: parameters, defaults: defaults, paper: paper)
        settings.innerSteps = parameters.int("local_steps") ?? 1
        return MetaLearner(
            name: "melu", algorithm: .maml((parameters.bool("first_order") ?? false) ? .first : .second),
            scope: .decisionLayers, settings: settings
        )
    }
}
