import Evaluation

// MARK: - Transfer to a shifted population

extension XlsxReport {
    /// The **Transfer** sheet: for every scenario, model, K and metric of the transfer
    /// protocol, the in-population and shifted users' figures and the transfer gap, each
    /// with its 95 % interval, and whether the gap is significant.
    func writeTransfer(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Transfer")
        let segments = [
            TransferProtocol.inPopulationSegment, TransferProtocol.shiftedSegment, TransferProtocol.gapSegment,
        ]
        let headers =
            ["Scenario", "Model", "K", "Metric", "Seeds"]
            + segments.flatMap { ["\($0)", "\($0) 95% low", "\($0) 95% high"] } + ["Significant gap"]
        for (column, text) in headers.enumerated() { sheet.write(text, row: 0, column: column, format: formats.header) }
        var row = 1
        for scenario in pivot.scenarios {
            for model in pivot.models(in: scenario) {
                for shots in pivot.transferShots(in: scenario) {
                    for metric in pivot.transferMetrics(in: scenario) {
                        let figures = segments.map {
                            pivot.transferFigure(
                                scenario: scenario, model: model, metric: metric, shots: shots, segment: $0)
                        }
                        guard let gap = figures[2] else { continue }
                        sheet.write(scenario, row: row, column: 0)
                        sheet.write(model, row: row, column: 1)
                        sheet.write(Double(shots), row: row, column: 2)
                        sheet.write(metric, row: row, column: 3)
                        sheet.write(Double(gap.seeds), row: row, column: 4)
                        for (index, figure) in figures.enumerated() {
                            guard let figure else { continue }
                            let column = 5 + 3 * index
                            sheet.write(figure.value, row: row, column: column, format: formats.metric)
                            if let interval = figure.interval95 {
                                sheet.write(interval.lowerBound, row: row, column: column + 1, format: formats.metric)
                                sheet.write(interval.upperBound, row: row, column: column + 2, format: formats.metric)
                            }
                        }
                        sheet.write(
                            ResultPivot.isSignificantGap(gap) ? "yes" : "no", row: row, column: headers.count - 1)
                        row += 1
                    }
                }
            }
        }
        if row == 1 {
            sheet.write(
                "No transfer protocol: add protocols.transfer to a simulated world's scenario to measure it.", row: 1,
                column: 0)
        }
        sheet.setColumnWidth(0, 3, width: 16)
        sheet.setColumnWidth(5, headers.count - 1, width: 13)
        sheet.freezeRows(1)
        sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(row - 1, 1), lastColumn: headers.count - 1)
        sheet.preparePrinting(footer: footer, headerRows: 0...0)
    }
}
