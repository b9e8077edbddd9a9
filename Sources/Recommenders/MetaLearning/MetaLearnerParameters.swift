import Learning

/// The scenario-file parameters every meta-learner accepts, with per-model defaults, and
/// their translation into ``MetaLearnerSettings``.
enum MetaLearnerParameters {
    /// Specifications whose defaults are `defaults`.
    static func specs(defaults: MetaLearnerSettings) -> [ParameterSpec] {
        NetworkParameters.shapeSpecs(defaults: defaults) + [
            ParameterSpec(
                name: "inner_steps", kind: .int(0...100), defaultValue: .int(defaults.innerSteps),
                summary: "Gradient steps per task in the inner loop and when adapting to a user."),
            ParameterSpec(
                name: "inner_lr", kind: .double(0...10), defaultValue: .double(decimal(defaults.innerLearningRate)),
                summary: "Inner-loop learning rate."),
            ParameterSpec(
                name: "meta_lr", kind: .double(0...1), defaultValue: .double(decimal(defaults.metaLearningRate)),
                summary: "Outer-loop (Adam) learning rate."),
            ParameterSpec(
                name: "meta_batch", kind: .int(1...4_096), defaultValue: .int(defaults.metaBatchSize),
                summary: "Tasks per meta-update."),
        ]
            + NetworkParameters.trainingLengthSpecs(defaults: defaults) + [
                ParameterSpec(
                    name: "support_size", kind: .int(1...10_000), defaultValue: .int(defaults.supportSize),
                    summary: "Largest support set of a training task."),
                ParameterSpec(
                    name: "query_size", kind: .int(1...10_000), defaultValue: .int(defaults.querySize),
                    summary: "Query-set size of a training task."),
                ParameterSpec(
                    name: "clip_norm", kind: .double(0...1e6), defaultValue: .double(defaults.clipNorm),
                    summary: "Meta-gradient norm bound (0: no clipping)."),
                ParameterSpec(
                    name: "weight_decay", kind: .double(0...1), defaultValue: .double(decimal(defaults.weightDecay)),
                    summary: "Outer-loop L2 weight decay."),
                ParameterSpec(
                    name: "threads", kind: .int(1...64), defaultValue: .int(defaults.workers),
                    summary: "Threads sharing a meta-batch's tasks (results do not depend on it)."),
                ParameterSpec(
                    name: "zero_shot_share", kind: .double(0...1), defaultValue: .double(defaults.zeroShotShare),
                    summary:
                        "Share of training tasks with no support set, as the protocol's K = 0 (this toolkit's default)."
                ),
            ] + ObjectiveParameters.specs + MetaUpdate.specs
    }

    /// The decimal a `Float` default was written as (`0.01`, not `0.009999999776482582`).
    static func decimal(_ value: Float) -> Double {
        Double(value.description) ?? Double(value)
    }

    /// The `preset` parameter of a learner whose defaults differ from its paper's, `paper`
    /// citing where the paper's settings come from.
    static func preset(paper: String) -> ParameterSpec {
        ParameterSpec(
            name: "preset", kind: .choice(["toolkit", "paper"]), defaultValue: .string("toolkit"),
            summary:
                "toolkit: the defaults listed here; paper: the settings of \(paper) for every parameter left at its default (the objective stays as given)."
        )
    }

    /// Settings from resolved parameters; with `preset: paper`, each parameter left at its
    /// toolkit default takes the value `paper` gives it instead.
    static func settings(from parameters: ModelParameters, defaults: MetaLearnerSettings, paper: MetaLearnerSettings)
        -> MetaLearnerSettings
    {
        guard parameters.string("preset") == "paper" else { return settings(from: parameters, defaults: defaults) }
        let toolkit = Dictionary(uniqueKeysWithValues: specs(defaults: defaults).map { ($0.name, $0.defaultValue) })
        let papers = Dictionary(uniqueKeysWithValues: specs(defaults: paper).map { ($0.name, $0.defaultValue) })
        var values = parameters.values
        for (name, value) in parameters.values where toolkit[name] == value {
            values[name] = papers[name]
        }
        return settings(from: ModelParameters(values), defaults: paper)
    }

    /// Settings from resolved parameters.
    static func settings(from parameters: ModelParameters, defaults: MetaLearnerSettings) -> MetaLearnerSettings {
        var settings = defaults
        NetworkParameters.apply(parameters, to: &settings)
        settings.innerSteps = parameters.int("inner_steps") ?? defaults.innerSteps
        settings.innerLearningRate = Float(parameters.double("inner_lr") ?? Double(defaults.innerLearningRate))
        settings.metaLearningRate = Float(parameters.double("meta_lr") ?? Double(defaults.metaLearningRate))
        settings.metaBatchSize = parameters.int("meta_batch") ?? defaults.metaBatchSize
        settings.supportSize = parameters.int("support_size") ?? defaults.supportSize
        settings.querySize = parameters.int("query_size") ?? defaults.querySize
        settings.clipNorm = parameters.double("clip_norm") ?? defaults.clipNorm
        settings.weightDecay = Float(parameters.double("weight_decay") ?? Double(defaults.weightDecay))
        settings.workers = parameters.int("threads") ?? defaults.workers
        settings.zeroShotShare = parameters.double("zero_shot_share") ?? defaults.zeroShotShare
        settings.objectives = ObjectiveParameters.settings(from: parameters)
        settings.metaUpdate = MetaUpdate.fromParameters(parameters)
        return settings
    }
}
