extension ReportCharts {
    /// The onboarding curve of `metric` at support size `shots` in `scenario`, if there is one.
    public func onboardingEntry(scenario: String, metric: String, shots: Int) -> Entry? {
        entries.first { $0.scenario == scenario && $0.metric == metric && $0.onboardingShots == shots }
    }

    /// One chart per K and metric of the onboarding protocol: the metric against the round,
    /// one line per model.
    static func onboardingCharts(scenario: String, pivot: ResultPivot) -> [Entry] {
        let rounds = pivot.rounds(in: scenario)
        guard !rounds.isEmpty else { return [] }
        let models = pivot.models(in: scenario, protocolName: pivot.onboardingProtocol)
        return pivot.onboardingShots(in: scenario).flatMap { shots in
            pivot.onboardingMetrics(in: scenario).map { metric in
                let series = Self.series(models: models) { model in
                    rounds.map {
                        pivot.onboardingFigure(
                            scenario: scenario, model: model, metric: metric, shots: shots, round: $0)
                    }
                }
                let chart = SVGLineChart(
                    title: "\(scenario): \(metric) per round (onboarding, K = \(shots))", xTitle: "round",
                    yTitle: metric,
                    xValues: rounds.map(Double.init), series: series
                )
                return Entry(
                    path: "charts/\(fileName(scenario))-onboarding-k\(shots)-\(fileName(metric)).svg",
                    scenario: scenario,
                    metric: metric, chart: chart, onboardingShots: shots
                )
            }
        }
    }
}
