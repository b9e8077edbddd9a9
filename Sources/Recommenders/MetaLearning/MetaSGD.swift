/// Meta-SGD (Li, Zhou, Chen & Li, "Meta-SGD: Learning to Learn Quickly for Few-Shot
/// Learning", 2017): MAML whose inner step `θ − α ⊙ ∇L` has a learned rate per parameter,
/// meta-trained jointly with the initialization through the exact second-order
/// meta-gradient.
///
/// Defaults follow the paper's regression setting: one inner step, rates initialized
/// uniformly in [0.005, 0.1], two hidden ReLU layers of 40, Adam at 0.001.
public enum MetaSGD {
    /// The paper's defaults.
    public static var defaults: MetaLearnerSettings {
        var settings = MetaLearnerSettings()
        settings.hiddenWidths = [40, 40]
        settings.innerSteps = 1
        settings.metaLearningRate = 0.001
        return settings
    }

    /// The registry entry.
    public static let descriptor = ModelDescriptor(
        name: "meta-sgd",
        summary: "Meta-SGD (Li et al. 2017): learned per-parameter inner learning rates.",
        parameters: MetaLearnerParameters.specs(defaults: defaults).filter { $0.name != "inner_lr" } + [
            ParameterSpec(
                name: "rate_init_min", kind: .double(0...10), defaultValue: .double(0.005),
                summary: "Lower end of the initial rates."),
            ParameterSpec(
                name: "rate_init_max", kind: .double(0...10), defaultValue: .double(0.1),
                summary: "Upper end of the initial rates."),
        ]
    ) { parameters, _ in model(parameters) }

    /// A Meta-SGD learner from resolved parameters.
    public static func model(_ parameters: ModelParameters) -> MetaLearner {
        let low = Float(parameters.double("rate_init_min") ?? 0.005)
        let high = Float(parameters.double("rate_init_max") ?? 0.1)
        return MetaLearner(
            name: "meta-sgd", algorithm: .metaSGD(initialRates: min(low, high)...max(low, high)), scope: .allParameters,
            settings: MetaLearnerParameters.settings(from: parameters, defaults: defaults)
        )
    }
}
