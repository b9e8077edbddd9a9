import Evaluation

/// Decodes `protocols.drift` (``DriftConfig/fields``) into a ``DriftConfig``, with file,
/// line and field in every error.
///
/// On a real dataset (`replay`) the protocol replays the log, so its metrics are
/// ranking-accuracy metrics against each window's real interactions (default `hr@k`,
/// `ndcg@k`, `recall@k` with k the slate size); on a simulated world they are `hr@k` and
/// the oracle-relative metrics.
struct DriftDecoder {
    /// Whether the scenario runs on a real dataset (log replay) rather than a simulated world.
    var replay = false

    func decode(_ node: SpecNode) throws -> DriftConfig {
        var config = DriftConfig()
        let drift = try node.decode(DriftConfig.fields, into: &config, context: DecodingContext(replay: replay))
        if drift["metrics"] == nil { config.metrics = DriftConfig.defaultMetrics(k: config.slateSize, replay: replay) }
        return config
    }
}

extension DriftConfig {
    /// The per-window metrics of a scenario that names none.
    static func defaultMetrics(k: Int, replay: Bool) -> [Metric] {
        replay ? [.hitRate(k: k), .ndcg(k: k), .recall(k: k)] : [.hitRate(k: k), .oracleNDCG(k: k), .regret(k: k)]
    }

    /// Sets the per-window metrics from the `metrics` node; each must be measurable per
    /// window, and on a simulated world look no deeper than the slate.
    mutating func decodeMetrics(_ node: SpecNode, replay: Bool) throws {
        let measured =
            replay
            ? "on a real dataset the drift protocol replays the log and measures ranking metrics (hr@k, ndcg@k, precision@k, recall@k, mrr, map@k, auc)"
            : "the drift protocol measures hr@k, oracle_ndcg@k, oracle_share@k and regret@k"
        metrics = try node.slateMetrics(
            slateSize: replay ? nil : slateSize, supports: replay ? Self.supportsReplay : Self.supports, per: "window",
            measured: measured
        )
    }
}
