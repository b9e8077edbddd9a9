/// A meta-learned two-tower recommender whose per-user state is a user representation:
/// `score(u, i) = ⟨u, r(i)⟩ + b_u + c(i)`, the item representation `r(i)` and bias `c(i)`
/// built by an item tower from the item's id embedding, features and content embedding;
/// the inner loop adapts only the user vector `u` and bias `b_u`, by `inner_steps` gradient
/// steps on the support set from a meta-learned start (a user tower — one hidden ReLU layer
/// by default — on the user's features, or one shared vector when users have none).
///
/// The idea is that of context-parameter meta-learning — CAVIA (Zintgraf, Shiarlis,
/// Kurin, Hofmann & Whiteson, "Fast Context Adaptation via Meta-Learning", ICML 2019),
/// whose inner loop adapts a small context vector while the network is meta-learned — put
/// in the two-tower form of the cold-start embedding methods RecBole-MetaRec compares
/// (MetaEmb, Pan et al. SIGIR 2019: warm-up embeddings generated from features; MWUF, Zhu
/// et al. SIGIR 2021: meta warm-up of cold embeddings), with per-step inner rates learned
/// as in MAML++ (Antoniou, Edwards & Storkey, ICLR 2019). The name is the toolkit's: no
/// paper defines exactly this model. The meta-gradient is exact second order (or first
/// order with `first_order: true`) through the same engine as MAML, and scoring a user's
/// catalogue is one matrix-vector product with item outputs computed once after fitting.
public enum MetaTwoTower {
    /// The toolkit's defaults (chosen by the sweep in `docs/meta-two-tower.md`).
    public static var defaults: MetaLearnerSettings {
        var settings = MetaLearnerSettings()
        settings.embeddingDimension = 32
        settings.hiddenWidths = [64]
        settings.itemIDEmbedding = true
        settings.innerSteps = 3
        settings.innerLearningRate = 0.5
        settings.metaLearningRate = 0.003
        settings.metaBatchSize = 32
        settings.patience = 10
        return settings
    }

    /// The default options: a user tower with one hidden layer of 64 (a linear map of the
    /// features cannot represent preferences that are a softmax mixture of demographic
    /// effects, and the support set then supplies what the start misses where features
    /// explain everything; `docs/meta-two-tower.md`).
    public static var defaultOptions: TwoTowerOptions {
        var options = TwoTowerOptions()
        options.userHiddenWidths = [64]
        return options
    }

    /// Parameters of the other meta-learners this model does not take, or takes with
    /// another range or meaning.
    private static let replaced: Set<String> = [
        "hidden_layers", "item_id_embedding", "inner_lr", "meta_update", "meta_steps",
    ]

    /// The parameter specifications.
    static var specs: [ParameterSpec] {
        let settings = defaults
        let options = defaultOptions
        return MetaLearnerParameters.specs(defaults: settings).filter { !replaced.contains($0.name) } + [
            ParameterSpec(
                name: "hidden_layers", kind: .int(0...8), defaultValue: .int(settings.hiddenWidths.count),
                summary: "Hidden ReLU layers of the item tower (0: a linear map of the item's inputs)."),
            ParameterSpec(
                name: "item_id_embedding", kind: .bool, defaultValue: .bool(settings.itemIDEmbedding),
                summary:
                    "Embed item ids in the item tower beside their features: on by default, as item representations carry what features do not explain (MetaEmb and MWUF meta-learn id embeddings); off, new and rare items are represented by their features alone."
            ),
            ParameterSpec(
                name: "inner_lr", kind: .double(0...100),
                defaultValue: .double(MetaLearnerParameters.decimal(settings.innerLearningRate)),
                summary: "Inner-loop learning rate of the user state (the learned rates' start with learn_rates)."),
            ParameterSpec(
                name: "user_dim", kind: .int(1...512), defaultValue: .int(options.latentWidth),
                summary: "Width of the user vector and of the item representation."),
            ParameterSpec(
                name: "user_hidden_layers", kind: .int(0...8), defaultValue: .int(options.userHiddenWidths.count),
                summary:
                    "Hidden ReLU layers (hidden_width wide) of the user tower that maps a user's features to the start of the user state (0: a linear map)."
            ),
            ParameterSpec(
                name: "adapt_bias", kind: .bool, defaultValue: .bool(options.adaptsBias),
                summary:
                    "Adapt a per-user bias beside the user vector (no effect on bpr and softmax, which ignore a bias shared by all items)."
            ),
            ParameterSpec(
                name: "learn_rates", kind: .bool, defaultValue: .bool(options.learnsRates),
                summary:
                    "Meta-learn an inner rate per step and per output, starting at inner_lr (per-step rates: MAML++, Antoniou et al. ICLR 2019; per output, so the joint objective's rating head can stay put while its relevance head adapts); false: every step at inner_lr."
            ),
            ParameterSpec(
                name: "first_order", kind: .bool, defaultValue: .bool(false),
                summary:
                    "First-order meta-gradient: the adapted user state's dependence on the start taken as the identity (as FOMAML)."
            ),
        ]
    }

    /// The registry entry.
    public static let descriptor = ModelDescriptor(
        name: "meta-two-tower",
        summary:
            "Meta-learned two-tower (CAVIA-style context adaptation, Zintgraf et al. ICML 2019; MetaEmb/MWUF lineage): only a user vector and bias adapt, items by id, features and content.",
        parameters: specs
    ) { parameters, _ in model(parameters) }

    /// A learner from resolved parameters.
    public static func model(_ parameters: ModelParameters) -> TwoTowerLearner {
        var settings = MetaLearnerParameters.settings(from: parameters, defaults: defaults)
        let width = parameters.int("hidden_width") ?? 64
        settings.hiddenWidths = Array(
            repeating: width, count: parameters.int("hidden_layers") ?? defaults.hiddenWidths.count)
        var options = defaultOptions
        options.latentWidth = parameters.int("user_dim") ?? options.latentWidth
        options.userHiddenWidths = Array(
            repeating: width, count: parameters.int("user_hidden_layers") ?? options.userHiddenWidths.count)
        options.adaptsBias = parameters.bool("adapt_bias") ?? options.adaptsBias
        options.learnsRates = parameters.bool("learn_rates") ?? options.learnsRates
        options.order = (parameters.bool("first_order") ?? false) ? .first : .second
        return TwoTowerLearner(name: "meta-two-tower", settings: settings, options: options)
    }
}
