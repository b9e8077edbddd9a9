import Evaluation

/// The SVG charts written beside `report.md`, derived from the same pivot as every report.
public struct ReportCharts: Sendable {
    /// One chart and the path, relative to the report's directory, it is written to.
    public struct Entry: Hashable, Sendable {
        /// The relative path (`charts/quickstart-ndcg-at-10.svg`).
        public let path: String
        /// The scenario it belongs to.
        public let scenario: String
        /// The metric it shows.
        public let metric: String
        /// The chart.
        public let chart: SVGLineChart
        /// Whether it is a drift timeline (else a K-shot curve).
        public var isDrift = false
        /// For an onboarding curve (metric against round), its support size K.
        public var onboardingShots: Int?
    }

    /// The charts, scenario by scenario and metric by metric.
    public let entries: [Entry]
    /// The cost charts: per scenario, accuracy against adaptation latency (``CostEntry``).
    public let costEntries: [CostEntry]

    /// The model drawn as a reference line rather than a competitor: the simulator's
    /// oracle, which ranks by the true utilities (the ceiling on a simulated world).
    public static let referenceModel = "oracle"

    /// One line per model of `figures` (each model's figure at each x), with its 95 %
    /// intervals; the ``referenceModel`` last, as a reference line without intervals.
    static func series(models: [String], figure: (String) -> [SeedAggregate?]) -> [SVGLineChart.Series] {
        let ordered = models.filter { $0 != referenceModel } + models.filter { $0 == referenceModel }
        return ordered.map { model in
            let figures = figure(model)
            let isReference = model == referenceModel
            return SVGLineChart.Series(
                name: isReference ? "\(model) (ceiling)" : model, values: figures.map { $0?.value },
                intervals: isReference ? [] : figures.map { $0?.interval95 }, isReference: isReference
            )
        }
    }

    /// The K-shot curves of every scenario and metric of `results`, the drift timelines
    /// with their shifts marked and the onboarding curves per K: one line per model, K-shot
    /// and drift points with their 95 % intervals, and the ``referenceModel`` (when it ran)
    /// as a dashed reference line.
    public init(_ results: ResultSet) {
        let pivot = ResultPivot(results)
        var entries = [Entry]()
        costEntries = pivot.scenarios.compactMap { Self.costChart(scenario: $0, pivot: pivot) }
        for scenario in pivot.scenarios {
            entries += Self.driftCharts(scenario: scenario, results: results, pivot: pivot)
            entries += Self.onboardingCharts(scenario: scenario, pivot: pivot)
            let shots = pivot.shots(in: scenario)
            guard !shots.isEmpty else { continue }
            let models = pivot.models(in: scenario, protocolName: ColdStartProtocol.name)
            for metric in pivot.curveMetrics(in: scenario) {
                let series = Self.series(models: models) { model in
                    shots.map {
                        pivot.figure(
                            scenario: scenario, protocolName: ColdStartProtocol.name, model: model, metric: metric,
                            shots: $0)
                    }
                }
                let chart = SVGLineChart(
                    title: "\(scenario): \(metric) against K", xTitle: "support size K", yTitle: metric,
                    xValues: shots.map(Double.init), series: series
                )
                entries.append(
                    Entry(
                        path: "charts/\(Self.fileName(scenario))-\(Self.fileName(metric)).svg", scenario: scenario,
                        metric: metric, chart: chart))
            }
        }
        self.entries = entries
    }

    /// The K-shot chart of `metric` in `scenario`, if there is one.
    public func entry(scenario: String, metric: String) -> Entry? {
        entries.first { $0.scenario == scenario && $0.metric == metric && !$0.isDrift && $0.onboardingShots == nil }
    }

    /// The drift timeline of `metric` in `scenario`, if there is one.
    public func driftEntry(scenario: String, metric: String) -> Entry? {
        entries.first { $0.scenario == scenario && $0.metric == metric && $0.isDrift }
    }

    private static func driftCharts(scenario: String, results: ResultSet, pivot: ResultPivot) -> [Entry] {
        let windows = pivot.windows(in: scenario)
        guard !windows.isEmpty else { return [] }
        let models = pivot.models(in: scenario, protocolName: pivot.driftProtocol)
        let shifts = results.drift.first { $0.scenario == scenario }?.shifts ?? []
        let markers = shifts.map { SVGLineChart.Marker(x: Double($0.window), label: "shift") }
        return pivot.driftMetrics(in: scenario).map { metric in
            let series = Self.series(models: models) { model in
                windows.map { pivot.driftFigure(scenario: scenario, model: model, metric: metric, window: $0) }
            }
            let chart = SVGLineChart(
                title: "\(scenario): \(metric) per window (drift)", xTitle: "window", yTitle: metric,
                xValues: windows.map(Double.init), series: series, markers: markers
            )
            return Entry(
                path: "charts/\(fileName(scenario))-drift-\(fileName(metric)).svg", scenario: scenario, metric: metric,
                chart: chart, isDrift: true
            )
        }
    }

    /// A name safe in file names and Markdown links: `ndcg@10` becomes `ndcg-at-10`.
    static func fileName(_ text: String) -> String {
        String(
            text.replacingOccurrences(of: "@", with: "-at-").map {
                $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-"
            })
    }
}
