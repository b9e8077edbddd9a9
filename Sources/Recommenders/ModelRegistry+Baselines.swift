// MARK: - Listing

extension ModelRegistry {
    /// The baseline models, in listing order.
    static let baselineDescriptors: [ModelDescriptor] = [
        random, popularity, recentPopularity, itemKNN, als, bpr, globalNetwork, fineTunedNetwork, contentBased, linUCB,
    ]
}

// MARK: - Ground truth

extension ModelRegistry {
    /// The ceiling on simulated worlds: ranks by true utility at the serving time. Not a
    /// baseline, so it is never chosen as the reference.
    static let oracle = ModelDescriptor(
        name: OracleRecommender.modelName,
        summary: "Ranks by the user's true utility when served (simulated worlds only): the ceiling.",
        parameters: [],
        cost: .light
    ) { _, _ in OracleRecommender() }
}

// MARK: - Non-personalized

extension ModelRegistry {
    /// Uniform noise: the floor.
    static let random = ModelDescriptor(
        name: "random",
        summary: "Uniformly random scores and ratings (the floor).",
        parameters: [],
        cost: .light
    ) { _, seed in RandomRecommender(seed: seed) }

    /// Interaction counts; the damping of the mean rating is the pseudo-count of a Bayesian
    /// average (5, this toolkit's choice; Koren's baseline predictors use comparable
    /// pseudo-counts).
    static let popularity = ModelDescriptor(
        name: "popularity",
        summary: "Most interacted-with items first; damped item mean for ratings.",
        parameters: [ratingDamping],
        cost: .light
    ) { parameters, _ in PopularityRecommender(ratingDamping: parameters.double("rating_damping") ?? 5) }

    /// Exponentially decayed counts. The half-life default, a tenth of the training log's
    /// span, is this toolkit's choice (time-decayed popularity is tuned per dataset, e.g.
    /// Ji et al., "A re-visit of the popularity baseline in recommender systems", SIGIR
    /// 2020); search it with a grid.
    static let recentPopularity = ModelDescriptor(
        name: "recent-popularity",
        summary: "Popularity with exponentially decaying weight on older interactions (news).",
        parameters: [
            ParameterSpec(
                name: "half_life", kind: .double(1e-6...1_000), defaultValue: .double(0.1),
                summary: "Half-life of an interaction's weight, as a share of the training log's time span."
            ),
            ratingDamping,
        ],
        cost: .light
    ) { parameters, _ in
        PopularityRecommender(
            ratingDamping: parameters.double("rating_damping") ?? 5,
            halfLifeShare: parameters.double("half_life") ?? 0.1)
    }

    private static let ratingDamping = ParameterSpec(
        name: "rating_damping", kind: .double(0...1_000), defaultValue: .double(5),
        summary: "Pseudo-count pulling an item's mean rating toward the global mean."
    )
}

// MARK: - Neighbourhood and factor models

extension ModelRegistry {
    /// Item-kNN (Sarwar et al. WWW 2001; Deshpande & Karypis TOIS 2004). The defaults
    /// `neighbors: 100`, `shrinkage: 10` are this toolkit's, inside the ranges Dacrema,
    /// Cremonesi & Jannach (RecSys 2019) search for their tuned ItemKNN-CF; tune with a grid.
    static let itemKNN = ModelDescriptor(
        name: "item-knn",
        summary: "Item-item shrunk cosine over co-occurrence; a user is scored from the support items.",
        parameters: [
            ParameterSpec(
                name: "neighbors", kind: .int(1...100_000), defaultValue: .int(100),
                summary: "Most similar items kept per item (k)."),
            ParameterSpec(
                name: "shrinkage", kind: .double(0...100_000), defaultValue: .double(10),
                summary: "Shrinkage h of the cosine: overlap / (norms + h)."),
        ],
        cost: .moderate
    ) { parameters, _ in
        ItemKNN(neighbors: parameters.int("neighbors") ?? 100, shrinkage: parameters.double("shrinkage") ?? 10)
    }

    /// ALS. `alpha: 40` is the confidence scaling Hu, Koren & Volinsky (ICDM 2008, §4) found
    /// to work well; `factors: 32`, `lambda: 1` and 15 sweeps are this toolkit's defaults
    /// (ALS converges in a few sweeps; the paper varies factors from 10 to 200). `feedback:
    /// explicit` regresses ratings instead (Koren, Bell & Volinsky 2009; Zhou et al. 2008).
    static let als = ModelDescriptor(
        name: "als",
        summary:
            "Matrix factorization by ALS (Hu et al. 2008 implicit, or explicit ratings); ridge fold-in of new users.",
        parameters: [
            ParameterSpec(
                name: "feedback", kind: .choice(ALS.Feedback.allCases.map(\.rawValue)),
                defaultValue: .string("implicit"),
                summary: "Confidence-weighted implicit feedback, or explicit ratings."),
            factors,
            ParameterSpec(
                name: "lambda", kind: .double(0...1e6), defaultValue: .double(1),
                summary: "L2 regularization λ of users and items (and of fold-in)."),
            ParameterSpec(
                name: "alpha", kind: .double(0...1e6), defaultValue: .double(40),
                summary: "Confidence scaling α: an interaction weighs 1 + α (implicit)."),
            ParameterSpec(
                name: "iterations", kind: .int(1...1_000), defaultValue: .int(15), summary: "Alternating sweeps."),
        ],
        cost: .moderate
    ) { parameters, _ in
        ALS(
            feedback: ALS.Feedback(rawValue: parameters.string("feedback") ?? "implicit") ?? .implicit,
            factors: parameters.int("factors") ?? 32, lambda: parameters.double("lambda") ?? 1,
            alpha: parameters.double("alpha") ?? 40, iterations: parameters.int("iterations") ?? 15
        )
    }

    /// BPR-MF (Rendle et al. UAI 2009). Learning rate 0.05 and regularization 0.0025 (a
    /// tenth for negative items) are the defaults of MyMediaLite's BPRMF (Gantner, Rendle,
    /// Freudenthaler & Schmidt-Thieme, RecSys 2011), the reference implementation by the
    /// paper's group; 30 epochs likewise. The fold-in uses Hu et al.'s `α = 40`.
    static let bpr = ModelDescriptor(
        name: "bpr",
        summary: "BPR-MF (Rendle et al. 2009) trained by LearnBPR; ridge fold-in of new users.",
        parameters: [
            factors,
            ParameterSpec(
                name: "learning_rate", kind: .double(1e-6...10), defaultValue: .double(0.05),
                summary: "SGD learning rate."),
            ParameterSpec(
                name: "regularization", kind: .double(0...10), defaultValue: .double(0.0025),
                summary: "L2 regularization of users, positive items and biases (negatives: a tenth)."),
            ParameterSpec(
                name: "epochs", kind: .int(0...10_000), defaultValue: .int(30),
                summary: "Epochs, each drawing as many triples as there are interactions."),
            ParameterSpec(
                name: "fold_in_lambda", kind: .double(1e-9...1e6), defaultValue: .double(1),
                summary: "Ridge λ of the fold-in."),
            ParameterSpec(
                name: "fold_in_alpha", kind: .double(0...1e6), defaultValue: .double(40),
                summary: "Confidence α of the fold-in."),
        ],
        cost: .moderate
    ) { parameters, _ in
        BPR(
            factors: parameters.int("factors") ?? 32, learningRate: parameters.double("learning_rate") ?? 0.05,
            regularization: parameters.double("regularization") ?? 0.0025, epochs: parameters.int("epochs") ?? 30,
            foldInLambda: parameters.double("fold_in_lambda") ?? 1,
            foldInAlpha: parameters.double("fold_in_alpha") ?? 40
        )
    }

    private static let factors = ParameterSpec(
        name: "factors", kind: .int(1...1_024), defaultValue: .int(32), summary: "Number of latent factors.")
}

// MARK: - Networks

extension ModelRegistry {
    /// The global network: MeLU's architecture (Lee et al. KDD 2019: embeddings of 32, two
    /// hidden layers of 64, batches of 32 users) trained with Adam at Kingma & Ba's
    /// default rate 0.001, early stopping on validation users.
    static let globalNetwork = ModelDescriptor(
        name: "global-network",
        summary: "MeLU's network trained on all meta-train interactions, not adapted per user.",
        parameters: networkParameters
    ) { parameters, _ in
        NetworkBaseline(name: "global-network", settings: networkSettings(parameters, fineTuneSteps: 0))
    }

    /// The fine-tuned network: the global network plus SGD steps on each user's support set.
    /// Five steps match MeLU's larger number of local updates; the rate 0.01 is this
    /// toolkit's choice (MeLU's local rate, 5·10⁻⁶, presumes meta-learned weights).
    static let fineTunedNetwork = ModelDescriptor(
        name: "fine-tuned-network",
        summary: "The global network fine-tuned on each user's support set by a few SGD steps.",
        parameters: networkParameters + [
            ParameterSpec(
                name: "fine_tune_steps", kind: .int(0...1_000), defaultValue: .int(5),
                summary: "SGD steps on the support set (0: the global network)."),
            ParameterSpec(
                name: "fine_tune_lr", kind: .double(0...10), defaultValue: .double(0.01),
                summary: "SGD learning rate of fine-tuning."),
            ParameterSpec(
                name: "fine_tune_scope", kind: .choice(["all", "decision"]), defaultValue: .string("all"),
                summary: "Fine-tune every parameter, or the dense decision layers only."),
        ]
    ) { parameters, _ in
        NetworkBaseline(
            name: "fine-tuned-network",
            settings: networkSettings(parameters, fineTuneSteps: parameters.int("fine_tune_steps") ?? 5))
    }

    private static let networkParameters: [ParameterSpec] = {
        let defaults = NetworkBaselineSettings()
        return NetworkParameters.shapeSpecs(defaults: defaults) + [
            ParameterSpec(
                name: "learning_rate", kind: .double(1e-9...1), defaultValue: .double(Double(defaults.learningRate)),
                summary: "Adam learning rate."),
            ParameterSpec(
                name: "batch_users", kind: .int(1...100_000), defaultValue: .int(defaults.batchUsers),
                summary: "Users whose histories form a mini-batch."),
        ] + NetworkParameters.trainingLengthSpecs(defaults: defaults) + ObjectiveParameters.specs
    }()

    private static func networkSettings(_ parameters: ModelParameters, fineTuneSteps: Int) -> NetworkBaselineSettings {
        var settings = NetworkBaselineSettings()
        NetworkParameters.apply(parameters, to: &settings)
        settings.learningRate = Float(parameters.double("learning_rate") ?? Double(settings.learningRate))
        settings.batchUsers = parameters.int("batch_users") ?? settings.batchUsers
        settings.fineTuneSteps = fineTuneSteps
        settings.fineTuneLearningRate = Float(
            parameters.double("fine_tune_lr") ?? Double(settings.fineTuneLearningRate))
        settings.fineTuneAll = (parameters.string("fine_tune_scope") ?? "all") == "all"
        settings.objectives = ObjectiveParameters.settings(from: parameters)
        return settings
    }
}

// MARK: - Content and bandits

extension ModelRegistry {
    /// Content-based (Pazzani & Billsus 2007). The popularity tie-break weight 0.01 is this
    /// toolkit's choice: small enough to reorder only items of (nearly) equal similarity.
    static let contentBased = ModelDescriptor(
        name: "content-based",
        summary: "Cosine similarity of item features to the support items' profile; popularity when K = 0.",
        parameters: [
            ParameterSpec(
                name: "tie_break", kind: .double(0...1_000), defaultValue: .double(0.01),
                summary: "Weight of the log-popularity term that orders equally similar items.")
        ],
        cost: .light
    ) { parameters, _ in ContentBased(tieBreak: parameters.double("tie_break") ?? 0.01) }

    /// LinUCB (Li et al. WWW 2010, Algorithm 1). `lambda: 1` is the algorithm's `A = I`
    /// start; `alpha: 1` is the smallest value of the paper's `α = 1 + √(ln(2/δ)/2)`.
    static let linUCB = ModelDescriptor(
        name: "linucb",
        summary: "LinUCB (Li et al. 2010) over item features from a population prior; updates online.",
        parameters: [
            ParameterSpec(
                name: "alpha", kind: .double(0...1_000), defaultValue: .double(1),
                summary: "Exploration weight α of the confidence bound."),
            ParameterSpec(
                name: "lambda", kind: .double(1e-9...1e6), defaultValue: .double(1),
                summary: "Ridge weight λ: the strength of the population prior."),
        ],
        cost: .moderate
    ) { parameters, _ in LinUCB(alpha: parameters.double("alpha") ?? 1, lambda: parameters.double("lambda") ?? 1) }
}
