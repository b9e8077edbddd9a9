extension MarkdownReport {
    /// The onboarding protocol of `scenario`: per K and metric, the chart and table of the
    /// metric against the round, then each model's cumulative regret and rounds to 90 % of
    /// the oracle's level.
    func onboardingSection(_ scenario: String) -> [String] {
        let rounds = pivot.rounds(in: scenario)
        guard !rounds.isEmpty else { return [] }
        let models = pivot.models(in: scenario, protocolName: pivot.onboardingProtocol)
        let figures = results.onboarding.filter { $0.scenario == scenario }
        var lines = [
            Self.anchor(scenario, "onboarding"), "### \(scenario): onboarding, metric per round", "",
            "New test users arrive with K support interactions and are served a slate of unseen items each round; "
                + "the world's choice model answers (the same chance events for every model) and the model observes the answer. "
                + "Cumulative regret sums each user's shortfall against the oracle's slate over the rounds (for regret@k, the regret); "
                + "rounds to 90 % is the first round whose mean reaches 90 % of the oracle's level. Brackets: 95 % intervals over users.",
            "",
        ]
        for shots in pivot.onboardingShots(in: scenario) {
            for metric in pivot.onboardingMetrics(in: scenario) {
                lines += ["**\(metric), K = \(shots)**", ""]
                if let chart = charts.onboardingEntry(scenario: scenario, metric: metric, shots: shots) {
                    lines += ["![\(chart.chart.title)](\(chart.path))", ""]
                }
                lines.append("| round | " + models.joined(separator: " | ") + " |")
                lines.append("|---|" + String(repeating: "---|", count: models.count))
                for round in rounds {
                    let cells = models.map {
                        pivot.onboardingFigure(
                            scenario: scenario, model: $0, metric: metric, shots: shots, round: round
                        )
                        .map { SeedAggregate.format($0.value) } ?? "–"
                    }
                    lines.append("| \(round) | " + cells.joined(separator: " | ") + " |")
                }
                lines += [
                    "", "| model | mean over rounds | cumulative regret | rounds to 90 % of oracle |",
                    "|---|---|---|---|",
                ]
                for model in models {
                    let perSeed = figures.filter { $0.model == model && $0.metric == metric && $0.shots == shots }
                    guard !perSeed.isEmpty else { continue }
                    lines.append(
                        "| \(model) | " + OnboardingFigureSummary(figures: perSeed).cells.joined(separator: " | ")
                            + " |")
                }
                lines.append("")
            }
        }
        return lines
    }
}
