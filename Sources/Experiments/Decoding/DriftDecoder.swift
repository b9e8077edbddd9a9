import Evaluation

/// Decodes `protocols.drift` into a ``DriftConfig``, with file, line and field in every error.
///
/// On a real dataset (`replay`) the protocol replays the log, so its metrics are
/// ranking-accuracy metrics against each window's real interactions (default `hr@k`,
/// `ndcg@k`, `recall@k` with k the slate size); on a simulated world they are `hr@k` and
/// the oracle-relative metrics.
struct DriftDecoder {
    /// Whether the scenario runs on a real dataset (log replay) rather than a simulated world.
    var replay = false

    static let keys = ["windows", "warmup", "slate_size", "retrain_every", "max_users", "split", "metrics", "bootstrap_resamples"]

    func decode(_ node: SpecNode) throws -> DriftConfig {
        var config = DriftConfig()
        let drift = try node.mapping(allowed: Self.keys)
        if let value = drift["windows"] { config.windows = try value.int(in: 2...1_000) }
        if let value = drift["warmup"] { config.warmup = try value.double(in: 0.05...0.95) }
        if let value = drift["slate_size"] { config.slateSize = try value.int(in: 1...1_000) }
        if let value = drift["retrain_every"] { config.retrainEvery = try value.int(in: 0...1_000) }
        if let value = drift["max_users"] { config.maxUsersPerWindow = try value.int(in: 1...10_000_000) }
        if let value = drift["bootstrap_resamples"] { config.bootstrapResamples = try value.int(in: 0...1_000_000) }
        if let value = drift["split"] { config.split = try SplitDecoder().decode(value) }
        let k = config.slateSize
        config.metrics = replay ? [.hitRate(k: k), .ndcg(k: k), .recall(k: k)] : [.hitRate(k: k), .oracleNDCG(k: k), .regret(k: k)]
        if let value = drift["metrics"] {
            config.metrics = []
            for entry in try value.sequence(singleAllowed: true) {
                let text = try entry.string()
                guard let metric = Metric(text), replay ? DriftConfig.supportsReplay(metric) : DriftConfig.supports(metric) else {
                    let measured = replay
                        ? "on a real dataset the drift protocol replays the log and measures ranking metrics (hr@k, ndcg@k, precision@k, recall@k, mrr, map@k, auc)"
                        : "the drift protocol measures hr@k, oracle_ndcg@k, oracle_share@k and regret@k"
                    throw entry.error("'\(text)' cannot be measured per window; \(measured)")
                }
                guard replay || (metric.cutoff.map { $0 <= config.slateSize } ?? false) else {
                    throw entry.error("'\(text)' looks deeper than the slate of \(config.slateSize) items")
                }
                if !config.metrics.contains(metric) { config.metrics.append(metric) }
            }
            guard !config.metrics.isEmpty else { throw value.error("list at least one metric") }
        }
        return config
    }
}
