import Evaluation

extension OnboardingConfig {
    /// The keys of `protocols.onboarding`, in the order errors list them.
    static var fields: [ScenarioField<Self>] {
        [
            .shots(\.shots, "Support sizes K a test user arrives with, each once."),
            .integer("rounds", \.rounds, 1...1_000, "Slates served to each test user, one per round."),
            .integer("slate_size", \.slateSize, 1...1_000, "Unseen items in each slate."),
            .split(
                \.split,
                "User shares for meta-train, validation and test; they sum to 1, train and test above 0. Equal to cold_start's (the default), onboarding takes cold start's users and fitted model: the same test users in both."
            ),
            ScenarioField(
                name: "metrics", summary: "Per-round metrics, each once.",
                defaultNote: "hr@k, oracle_ndcg@k, regret@k with k = slate_size",
                type: { _ in .distinctList(of: .metric) }, read: { _ in nil }
            ) { node, config, _ in
                config.metrics = try node.slateMetrics(
                    slateSize: config.slateSize, supports: Self.supports, per: "round",
                    measured: "the onboarding protocol measures hr@k, oracle_ndcg@k, oracle_share@k and regret@k"
                )
            },
            .integer(
                "bootstrap_resamples", \.bootstrapResamples, 0...1_000_000,
                "Bootstrap resamples for intervals over users."),
        ]
    }

    /// The per-round metrics of a scenario that names none.
    static func defaultMetrics(k: Int) -> [Metric] {
        [.hitRate(k: k), .oracleNDCG(k: k), .regret(k: k)]
    }
}
