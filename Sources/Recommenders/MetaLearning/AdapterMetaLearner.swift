/// Parameter-efficient adaptation: a shared network, meta-learned in the outer loop and
/// frozen per user, with a small per-user adapter that is the only thing adapted.
///
/// - `kind: film` — a FiLM scale-and-shift (Perez et al., AAAI 2018) of the last hidden
///   layer: `2 · hidden_width` adapted scalars (128 with the defaults);
/// - `kind: low-rank` — a rank-`rank` update of the first hidden layer's weight (Hu et
///   al., "LoRA", ICLR 2022): `rank · (input width + hidden_width)` adapted scalars.
///
/// Adapting only a small per-task parameter set by gradient steps inside MAML's exact
/// second-order outer loop follows CAVIA (Zintgraf et al., ICML 2019). The architecture
/// defaults are MeLU's; the low-rank kind, the inner rate 0.5 and 2 steps are this
/// toolkit's choice by the sweep in `docs/meta-learner-defaults.md`: the FiLM of the last
/// hidden layer gained nothing from K = 0 to K = 20 on any world swept, at rates up to 1.
/// ``MetaLearner/adaptedParameterCount`` gives the exact count after fitting.
public enum AdapterMetaLearner {
    /// The defaults.
    public static var defaults: MetaLearnerSettings {
        var settings = MeLU.defaults
        settings.innerSteps = 2
        settings.innerLearningRate = 0.5
        settings.metaLearningRate = 0.001
        return settings
    }

    /// The registry entry.
    public static let descriptor = ModelDescriptor(
        name: "adapter",
        summary:
            "Frozen shared network + per-user low-rank adapter of the first hidden layer (default) or FiLM of the last.",
        parameters: MetaLearnerParameters.specs(defaults: defaults) + [
            ParameterSpec(
                name: "kind", kind: .choice(["film", "low-rank"]), defaultValue: .string("low-rank"),
                summary: "The adapter: FiLM or a low-rank weight update."),
            ParameterSpec(
                name: "rank", kind: .int(1...256), defaultValue: .int(4), summary: "Rank of the low-rank adapter."),
            ParameterSpec(
                name: "first_order", kind: .bool, defaultValue: .bool(false), summary: "Drop the second-order term."),
        ]
    ) { parameters, _ in model(parameters) }

    /// An adapter learner from resolved parameters.
    public static func model(_ parameters: ModelParameters) -> MetaLearner {
        let scope: AdaptationScope =
            parameters.string("kind") == "film" ? .film : .lowRank(rank: parameters.int("rank") ?? 4)
        return MetaLearner(
            name: "adapter", algorithm: .maml((parameters.bool("first_order") ?? false) ? .first : .second),
            scope: scope, settings: MetaLearnerParameters.settings(from: parameters, defaults: defaults)
        )
    }
}
