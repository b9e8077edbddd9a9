import Evaluation

/// Decodes `protocols.onboarding` into an ``OnboardingConfig``, with file, line and field in
/// every error. The protocol serves slates answered by a world's choice model, so it runs on
/// simulated worlds only (the scenario decoder refuses it on a dataset).
struct OnboardingDecoder {
    static let keys = ["shots", "rounds", "slate_size", "split", "metrics", "bootstrap_resamples"]

    func decode(_ node: SpecNode) throws -> OnboardingConfig {
        var config = OnboardingConfig()
        let onboarding = try node.mapping(allowed: Self.keys)
        if let value = onboarding["shots"] {
            config.shots = try value.sequence(singleAllowed: true).map { try $0.int(in: 0...10_000) }
            guard !config.shots.isEmpty else { throw value.error("give at least one support size") }
            guard Set(config.shots).count == config.shots.count else { throw value.error("support sizes must be distinct") }
            config.shots.sort()
        }
        if let value = onboarding["rounds"] { config.rounds = try value.int(in: 1...1_000) }
        if let value = onboarding["slate_size"] { config.slateSize = try value.int(in: 1...1_000) }
        if let value = onboarding["split"] { config.split = try SplitDecoder().decode(value) }
        if let value = onboarding["bootstrap_resamples"] { config.bootstrapResamples = try value.int(in: 0...1_000_000) }
        let k = config.slateSize
        config.metrics = [.hitRate(k: k), .oracleNDCG(k: k), .regret(k: k)]
        if let value = onboarding["metrics"] {
            config.metrics = []
            for entry in try value.sequence(singleAllowed: true) {
                let text = try entry.string()
                guard let metric = Metric(text), OnboardingConfig.supports(metric) else {
                    throw entry.error("'\(text)' cannot be measured per round; the onboarding protocol measures hr@k, oracle_ndcg@k, oracle_share@k and regret@k")
                }
                guard metric.cutoff.map({ $0 <= config.slateSize }) ?? false else {
                    throw entry.error("'\(text)' looks deeper than the slate of \(config.slateSize) items")
                }
                if !config.metrics.contains(metric) { config.metrics.append(metric) }
            }
            guard !config.metrics.isEmpty else { throw value.error("list at least one metric") }
        }
        return config
    }
}
