import Evaluation

// MARK: - Cost of adapting

extension MarkdownReport {
    /// The price of adapting at the headline K: per model, fit time, adaptation and scoring
    /// latency, bytes of per-user state and of the shared model, adapted scalars, beside
    /// the headline accuracy, and the accuracy-against-latency chart.
    func costSection(_ scenario: String) -> [String] {
        let metrics = pivot.costMetrics(in: scenario)
        guard !metrics.isEmpty, let shots = pivot.headlineShots(in: scenario) else { return [] }
        let accuracy = pivot.costAccuracyMetric(in: scenario)
        let size = Metric.adaptedParameters.description
        let columns = metrics + [size] + (accuracy.map { [$0] } ?? [])
        var lines = ["### \(scenario): cost of adapting at K = \(shots)", ""]
        if let chart = charts.costEntry(scenario: scenario) {
            lines += ["![\(chart.chart.title)](\(chart.path))", ""]
        }
        let headers = columns.map { ResultPivot.label($0, groundTruth: pivot.hasGroundTruth(scenario)) }
        lines.append("| model | " + headers.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---|", count: columns.count))
        for model in pivot.models(in: scenario, protocolName: ColdStartProtocol.name) {
            let cells = columns.map { metric -> String in
                guard let figure = pivot.costFigure(scenario: scenario, model: model, metric: metric) else {
                    return "–"
                }
                return Self.costText(figure.value, metric: metric)
            }
            lines.append("| \(model) | " + cells.joined(separator: " | ") + " |")
        }
        lines += [
            "",
            "Times are wall-clock measurements on this run's machine (\(results.header.host.cores) cores, shared with the "
                + "other cells running at the same time): fit in seconds, latencies in milliseconds per user (median "
                + "p50 and 95th percentile p95 over the evaluated users; scoring ranks the whole catalog). They vary "
                + "between runs and are never compared by the regression gate unless its tolerance file names them. "
                + "Bytes count the arrays held per adapted user beyond the shared model, and the shared model's own.",
            "",
        ]
        return lines
    }

    /// A cost figure as the table shows it: bytes and counts whole, times with the
    /// precision their size needs.
    static func costText(_ value: Double, metric: String) -> String {
        guard let parsed = Metric(metric) else { return SeedAggregate.format(value) }
        if parsed.family == .modelSize || parsed == .userStateBytes || parsed == .modelBytes {
            return String(format: "%.0f", value)
        }
        if parsed.isMeasured { return value >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value) }
        return SeedAggregate.format(value)
    }
}
