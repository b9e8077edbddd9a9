import Evaluation

// MARK: - Cost of adapting

extension XlsxReport {
    /// The **Cost** sheet: per scenario, each model's price of adapting at the headline K
    /// (fit seconds, adaptation and scoring latency, bytes of per-user state and of the
    /// shared model, adapted scalars) beside its headline accuracy with its interval, and a
    /// native scatter chart of accuracy against median adaptation latency (logarithmic axis,
    /// one point per model, the oracle left out).
    func writeCost(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Cost")
        var row = 0
        for scenario in pivot.scenarios {
            let costs = pivot.costMetrics(in: scenario)
            guard !costs.isEmpty, let shots = pivot.headlineShots(in: scenario) else { continue }
            let models = pivot.models(in: scenario, protocolName: ColdStartProtocol.name)
            let accuracy = pivot.costAccuracyMetric(in: scenario)
            let groundTruth = pivot.hasGroundTruth(scenario)
            let columns = costs + [Metric.adaptedParameters.description]
            sheet.write("\(scenario): cost of adapting at K = \(shots)", row: row, column: 0, format: formats.title)
            let headerRow = row + 1
            var headers = ["Model"] + columns
            if let accuracy {
                let label = ResultPivot.label(accuracy, groundTruth: groundTruth)
                headers += [label, "\(label) CI low", "\(label) CI high"]
            }
            for (column, text) in headers.enumerated() {
                sheet.write(text, row: headerRow, column: column, format: formats.header)
            }
            let accuracyColumn = 1 + columns.count
            let latencyColumn = 1 + (columns.firstIndex(of: ResultPivot.costLatencyMetric) ?? 0)
            for (offset, model) in models.enumerated() {
                let line = headerRow + 1 + offset
                sheet.write(model, row: line, column: 0)
                for (index, metric) in columns.enumerated() {
                    guard let figure = pivot.costFigure(scenario: scenario, model: model, metric: metric) else {
                        continue
                    }
                    let whole = Metric(metric).map { $0.family == .modelSize || !$0.isMeasured } ?? false
                    sheet.write(
                        figure.value, row: line, column: 1 + index, format: whole ? formats.count : formats.metric)
                }
                if let accuracy, let figure = pivot.costFigure(scenario: scenario, model: model, metric: accuracy) {
                    sheet.write(figure.value, row: line, column: accuracyColumn, format: formats.metric)
                    if let interval = figure.interval95 {
                        sheet.write(interval.lowerBound, row: line, column: accuracyColumn + 1, format: formats.metric)
                        sheet.write(interval.upperBound, row: line, column: accuracyColumn + 2, format: formats.metric)
                    }
                }
            }
            let lastRow = headerRow + models.count
            if let accuracy, costs.contains(ResultPivot.costLatencyMetric) {
                let chart = try workbook.addScatterChart()
                let label = ResultPivot.label(accuracy, groundTruth: groundTruth)
                chart.label(
                    title: "\(scenario): \(label) against adaptation latency",
                    xAxis: "median adaptation latency per user (ms, log scale)", yAxis: label)
                chart.setLogarithmicXAxis()
                let plotted = models.enumerated().filter { $0.element != ReportCharts.referenceModel }
                for (index, (offset, model)) in plotted.enumerated() {
                    let line = headerRow + 1 + offset
                    chart.addSeries(
                        name: model, sheet: sheet, categoryColumn: latencyColumn, valueColumn: accuracyColumn,
                        firstRow: line, lastRow: line,
                        style: .point(colour: XlsxCurves.colour(index))
                    )
                }
                sheet.insert(chart, row: row, column: headers.count + 1)
            }
            let next = max(lastRow + 3, row + 18)
            sheet.keepTogether(row..<next)
            row = next
        }
        if row == 0 {
            sheet.write("No cold-start protocol: the cost of adapting is measured there.", row: 0, column: 0)
        }
        sheet.setColumnWidth(0, 0, width: 18)
        sheet.setColumnWidth(1, 12, width: 14)
        sheet.preparePrinting(footer: footer)
    }
}
