extension XlsxReport {
    /// The **Onboarding** sheet: per scenario, K and metric, the metric per round per model
    /// with a native line chart, then each model's mean over rounds, cumulative regret with
    /// its interval and rounds to 90 % of the oracle's level.
    func writeOnboarding(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Onboarding")
        var row = 0
        for scenario in pivot.scenarios {
            let rounds = pivot.rounds(in: scenario)
            guard !rounds.isEmpty else { continue }
            let models = pivot.models(in: scenario, protocolName: pivot.onboardingProtocol)
            let figures = results.onboarding.filter { $0.scenario == scenario }
            for shots in pivot.onboardingShots(in: scenario) {
                for metric in pivot.onboardingMetrics(in: scenario) {
                    let title = "\(scenario): \(metric) per round, K = \(shots)"
                    let lastRow = try writeCurveTable(
                        sheet, workbook, formats, row: row, title: title, chartTitle: title, xHeader: "Round",
                        xAxis: "round",
                        xValues: rounds, metric: metric, models: models
                    ) { model, round in
                        pivot.onboardingFigure(
                            scenario: scenario, model: model, metric: metric, shots: shots, round: round)
                    }
                    var summaryRow = lastRow + 2
                    let headers = [
                        "Model", "Mean over rounds", "Cumulative regret", "CI low", "CI high",
                        "Rounds to 90 % of oracle",
                    ]
                    for (column, text) in headers.enumerated() {
                        sheet.write(text, row: summaryRow, column: column, format: formats.header)
                    }
                    for model in models {
                        let perSeed = figures.filter { $0.model == model && $0.metric == metric && $0.shots == shots }
                        guard !perSeed.isEmpty else { continue }
                        summaryRow += 1
                        let summary = OnboardingFigureSummary(figures: perSeed)
                        sheet.write(model, row: summaryRow, column: 0)
                        sheet.write(summary.meanOverRounds, row: summaryRow, column: 1, format: formats.metric)
                        let count = Double(perSeed.count)
                        sheet.write(
                            perSeed.reduce(0) { $0 + $1.cumulativeRegret } / count, row: summaryRow, column: 2,
                            format: formats.metric)
                        if perSeed.count == 1 {
                            sheet.write(
                                perSeed[0].cumulativeRegretLow, row: summaryRow, column: 3, format: formats.metric)
                            sheet.write(
                                perSeed[0].cumulativeRegretHigh, row: summaryRow, column: 4, format: formats.metric)
                        }
                        sheet.write(summary.reachText, row: summaryRow, column: 5)
                    }
                    row = endCurveBlock(sheet, from: row, summaryRow: summaryRow)
                }
            }
        }
        finishCurveSheet(
            sheet, blocksWritten: row > 0,
            emptyMessage:
                "No onboarding protocol: add protocols.onboarding to a scenario on a simulated world to measure it.")
    }
}
