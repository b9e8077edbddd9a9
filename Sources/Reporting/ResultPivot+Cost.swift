import Evaluation

// MARK: - Cost of adapting

extension ResultPivot {
    /// The cost metrics of `scenario`'s cold-start rows, in ``costOrder``.
    public func costMetrics(in scenario: String) -> [String] {
        let present = Set(listed(scenario).metrics.filter { Metric($0)?.family == .cost })
        return Self.costOrder.filter(present.contains)
    }

    /// The order cost columns are shown in: fit time, adaptation and scoring latency, bytes.
    public static let costOrder =
        ["fit_seconds"]
        + Metric.latencyPercentiles.map { Metric.adaptationLatency(percentile: $0).description }
        + Metric.latencyPercentiles.map { Metric.scoringLatency(percentile: $0).description }
        + ["user_state_bytes", "model_bytes"]

    /// The latency the cost charts draw accuracy against: the median adaptation latency.
    public static let costLatencyMetric = Metric.adaptationLatency(percentile: 50).description

    /// The accuracy the cost charts draw: the first ranking or oracle-relative metric of
    /// `scenario` in its order (higher is better), else `nil`.
    public func costAccuracyMetric(in scenario: String) -> String? {
        curveMetrics(in: scenario).first { name in
            guard let metric = Metric(name) else { return false }
            return metric.higherIsBetter && (metric.family == .rankingAccuracy || metric.family == .oracleRelative)
        }
    }

    /// The seed-aggregated cost (or any other) figure of one model at the headline K of
    /// `scenario`'s cold-start protocol.
    public func costFigure(scenario: String, model: String, metric: String) -> SeedAggregate? {
        figure(
            scenario: scenario, protocolName: ColdStartProtocol.name, model: model, metric: metric,
            shots: headlineShots(in: scenario))
    }
}
