/// Implicit MAML (Rajeswaran, Finn, Kakade & Levine, "Meta-Learning with Implicit
/// Gradients", NeurIPS 2019), the proximal meta-learner.
///
/// Adapting to a user solves `min_φ L_support(φ) + λ/2 ‖φ − θ‖²` approximately by
/// `inner_steps` gradient steps of initial size `inner_lr` (halved whenever a step would
/// raise the proximal objective); meta-training's gradient is the
/// implicit one, `(I + H/λ)⁻¹ ∇L_query(φ)`, by `cg_steps` conjugate-gradient iterations on
/// exact Hessian-vector products (`ProximalInnerLoop`), so its memory does not grow with
/// the inner steps. Defaults follow the paper's few-shot settings where they transfer:
/// λ = 2 and 5 conjugate-gradient steps (Omniglot); 10 inner steps from a rate of 0.1; the architecture and
/// outer loop are MAML's (two hidden ReLU layers of 40, Adam at 0.001, meta-batches of 25).
public enum IMAML {
    /// The defaults.
    public static var defaults: MetaLearnerSettings {
        var settings = MAML.paper
        settings.innerSteps = 10
        settings.innerLearningRate = 0.1
        return settings
    }

    /// The registry entry.
    public static let descriptor = ModelDescriptor(
        name: "imaml",
        summary:
            "iMAML (Rajeswaran et al. NeurIPS 2019): proximal inner problem, implicit meta-gradient by conjugate gradients.",
        parameters: MetaLearnerParameters.specs(defaults: defaults) + [
            ParameterSpec(
                name: "lambda", kind: .double(1e-6...1e6), defaultValue: .double(2),
                summary: "Proximal strength λ > 0 of ‖φ − θ‖²/2."),
            ParameterSpec(
                name: "cg_steps", kind: .int(1...1_000), defaultValue: .int(5),
                summary: "Conjugate-gradient iterations for the implicit meta-gradient."),
            AdaptationScope.parameterSpec(defaultValue: "all"),
        ]
    ) { parameters, _ in model(parameters) }

    /// An iMAML learner from resolved parameters.
    public static func model(_ parameters: ModelParameters) -> MetaLearner {
        MetaLearner(
            name: "imaml",
            algorithm: .imaml(
                lambda: Float(parameters.double("lambda") ?? 2), cgSteps: parameters.int("cg_steps") ?? 5),
            scope: AdaptationScope.fromParameter(parameters),
            settings: MetaLearnerParameters.settings(from: parameters, defaults: defaults)
        )
    }
}
