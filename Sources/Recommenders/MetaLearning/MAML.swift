/// Model-agnostic meta-learning (Finn, Abbeel & Levine, "Model-Agnostic Meta-Learning for
/// Fast Adaptation of Deep Networks", ICML 2017), and its first-order approximation FOMAML
/// (same paper, §5.2) as a switch.
///
/// Every parameter, feature embeddings included, adapts per user by `inner_steps` SGD
/// steps; the meta-gradient is exact through all of them (Hessian-vector products by the
/// R-operator), or first-order with `first_order: true`. The architecture and outer loop
/// follow the paper's regression experiments (§5.1): two hidden ReLU layers of 40, one
/// inner step, Adam with β = 0.001, meta-batches of 25 tasks. Embeddings are 32 wide
/// (MeLU's width; the paper has no categorical inputs). The inner rate is the toolkit's:
/// α = 0.5, chosen by the sweep in `docs/meta-learner-defaults.md` — at the paper's
/// α = 0.01 (`preset: paper`) one step on standardized inputs moves no ranking, and the
/// model does not personalize where only personalization helps.
///
/// `adapt: decision` keeps the embeddings shared (MeLU's split) and `adapt: head` adapts
/// the output layer alone on a shared body — ANIL (Raghu, Raghu, Bengio & Vinyals, "Rapid
/// Learning or Feature Reuse? Towards Understanding the Effectiveness of MAML", ICLR 2020).
public enum MAML {
    /// The toolkit's defaults: the paper's, with an inner rate that adapts.
    public static var defaults: MetaLearnerSettings {
        var settings = paper
        settings.innerLearningRate = 0.5
        return settings
    }

    /// The paper's settings (Finn et al. ICML 2017, §5.1: α = 0.01, one step, β = 0.001,
    /// meta-batches of 25, two hidden layers of 40).
    public static var paper: MetaLearnerSettings {
        var settings = MetaLearnerSettings()
        settings.hiddenWidths = [40, 40]
        settings.innerSteps = 1
        settings.innerLearningRate = 0.01
        settings.metaLearningRate = 0.001
        settings.metaBatchSize = 25
        return settings
    }

    /// The `preset` parameter of MAML and FOMAML.
    static let preset = MetaLearnerParameters.preset(paper: "Finn et al. ICML 2017, §5.1 (α = 0.01, one step)")

    /// The registry entry for `maml`.
    public static let descriptor = ModelDescriptor(
        name: "maml",
        summary: "MAML (Finn et al. 2017): all parameters adapt; exact second-order meta-gradient.",
        parameters: MetaLearnerParameters.specs(defaults: defaults) + [
            ParameterSpec(
                name: "first_order", kind: .bool, defaultValue: .bool(false),
                summary: "Drop the second-order term (FOMAML)."),
            AdaptationScope.parameterSpec(defaultValue: "all"),
            preset,
        ]
    ) { parameters, _ in model(parameters, name: "maml") }

    /// The registry entry for `fomaml`: MAML with `first_order` on by default.
    public static let firstOrderDescriptor = ModelDescriptor(
        name: "fomaml",
        summary: "First-order MAML (Finn et al. 2017, §5.2): the meta-gradient without Hessian terms.",
        parameters: MetaLearnerParameters.specs(defaults: defaults) + [
            ParameterSpec(
                name: "first_order", kind: .bool, defaultValue: .bool(true),
                summary: "Drop the second-order term (FOMAML)."),
            AdaptationScope.parameterSpec(defaultValue: "all"),
            preset,
        ]
    ) { parameters, _ in model(parameters, name: "fomaml") }

    /// A MAML learner from resolved parameters.
    public static func model(_ parameters: ModelParameters, name: String = "maml") -> MetaLearner {
        let firstOrder = parameters.bool("first_order") ?? false
        return MetaLearner(
            name: name, algorithm: .maml(firstOrder ? .first : .second),
            scope: AdaptationScope.fromParameter(parameters),
            settings: MetaLearnerParameters.settings(from: parameters, defaults: defaults, paper: paper)
        )
    }
}
