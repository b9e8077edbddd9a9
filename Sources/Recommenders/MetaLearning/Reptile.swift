/// Reptile (Nichol, Achiam & Schulman, "On First-Order Meta-Learning Algorithms", 2018).
///
/// Each task adapts a copy of the weights with Adam; the meta-update moves the weights
/// toward the mean adapted weights by a step annealed linearly from `outer_step` to 0.
/// Defaults follow the paper's few-shot settings: 5 inner Adam steps at learning rate
/// 0.001, outer step size 1.0, meta-batches of 5 tasks, 50 adaptation steps at
/// evaluation. Hidden layers are two of 64. Feedback observed after adaptation (drift
/// windows, onboarding rounds) adapts further with the inner loop's steps, not 50.
public enum Reptile {
    /// The paper's defaults.
    public static var defaults: MetaLearnerSettings {
        var settings = MetaLearnerSettings()
        settings.innerSteps = 5
        settings.innerLearningRate = 0.001
        settings.metaBatchSize = 5
        return settings
    }

    /// The registry entry.
    public static let descriptor = ModelDescriptor(
        name: "reptile",
        summary: "Reptile (Nichol et al. 2018): move toward Adam-adapted weights; first-order.",
        parameters: MetaLearnerParameters.specs(defaults: defaults) + [
            ParameterSpec(
                name: "outer_step", kind: .double(0...10), defaultValue: .double(1),
                summary: "Initial outer step size ε, annealed linearly to 0."),
            ParameterSpec(
                name: "eval_steps", kind: .int(0...1_000), defaultValue: .int(50),
                summary: "Adam steps when adapting to an evaluated user."),
        ]
    ) { parameters, _ in model(parameters) }

    /// A Reptile learner from resolved parameters.
    public static func model(_ parameters: ModelParameters) -> MetaLearner {
        MetaLearner(
            name: "reptile", algorithm: .reptile(outerStepSize: Float(parameters.double("outer_step") ?? 1)),
            scope: .allParameters,
            settings: MetaLearnerParameters.settings(from: parameters, defaults: defaults),
            adaptationSteps: parameters.int("eval_steps") ?? 50
        )
    }
}
