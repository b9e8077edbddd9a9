import Evaluation

// MARK: - Cost of adapting

extension ReportCharts {
    /// A scenario's accuracy-against-latency chart and the path, relative to the report's
    /// directory, it is written to.
    public struct CostEntry: Hashable, Sendable {
        /// The relative path (`charts/quickstart-cost.svg`).
        public let path: String
        /// The scenario it belongs to.
        public let scenario: String
        /// The accuracy metric on the y axis.
        public let metric: String
        /// The chart.
        public let chart: SVGScatterChart
    }

    /// The cost chart of `scenario`, if there is one.
    public func costEntry(scenario: String) -> CostEntry? {
        costEntries.first { $0.scenario == scenario }
    }

    /// The chart of `scenario`'s headline accuracy (``ResultPivot/costAccuracyMetric(in:)``)
    /// against each model's median adaptation latency at the headline K, one point per model
    /// with its 95 % interval, on a logarithmic latency axis; the ``referenceModel`` is left
    /// out (it does not adapt, it knows). `nil` without an accuracy metric or latencies.
    static func costChart(scenario: String, pivot: ResultPivot) -> CostEntry? {
        guard let metric = pivot.costAccuracyMetric(in: scenario), let shots = pivot.headlineShots(in: scenario) else {
            return nil
        }
        let latency = ResultPivot.costLatencyMetric
        let points = pivot.models(in: scenario).filter { $0 != referenceModel }.compactMap {
            model -> SVGScatterChart.Point? in
            guard let x = pivot.costFigure(scenario: scenario, model: model, metric: latency),
                let y = pivot.costFigure(scenario: scenario, model: model, metric: metric)
            else { return nil }
            return SVGScatterChart.Point(name: model, x: x.value, y: y.value, interval: y.interval95)
        }
        guard !points.isEmpty else { return nil }
        let label = ResultPivot.label(metric, groundTruth: pivot.hasGroundTruth(scenario))
        let chart = SVGScatterChart(
            title: "\(scenario): \(label) against adaptation latency (K = \(shots))",
            xTitle: "median adaptation latency per user (ms)", yTitle: label, points: points
        )
        return CostEntry(
            path: "charts/\(fileName(scenario))-cost.svg", scenario: scenario, metric: metric, chart: chart)
    }
}
