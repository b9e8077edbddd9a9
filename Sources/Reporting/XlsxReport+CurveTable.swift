extension XlsxReport {
    /// Writes a titled table of one metric per model against `xValues` at `row` — the
    /// header `xHeader` and the model names, then one line per x value — with a native line
    /// chart beside it (one series per model), and returns the table's last row.
    func writeCurveTable(
        _ sheet: XlsxWorksheet, _ workbook: XlsxWorkbook, _ formats: Formats, row: Int, title: String,
        chartTitle: String,
        xHeader: String, xAxis: String, xValues: [Int], metric: String, models: [String],
        figure: @escaping (String, Int) -> SeedAggregate?
    ) throws -> Int {
        sheet.write(title, row: row, column: 0, format: formats.title)
        let headerRow = row + 1
        sheet.write(xHeader, row: headerRow, column: 0, format: formats.header)
        for (index, model) in models.enumerated() {
            sheet.write(model, row: headerRow, column: index + 1, format: formats.header)
        }
        for (offset, x) in xValues.enumerated() {
            let dataRow = headerRow + 1 + offset
            sheet.write(Double(x), row: dataRow, column: 0)
            for (index, model) in models.enumerated() {
                guard let value = figure(model, x)?.value else { continue }
                sheet.write(value, row: dataRow, column: index + 1, format: formats.metric)
            }
        }
        let curves = XlsxCurves(models: models, xValues: xValues, figure: figure)
        let intervalColumn = models.count + 1
        curves.writeIntervals(
            on: sheet, headerRow: headerRow, firstColumn: intervalColumn, header: formats.header, number: formats.metric
        )
        let chart = try workbook.addLineChart()
        chart.label(title: chartTitle, xAxis: xAxis, yAxis: metric)
        curves.addSeries(to: chart, sheet: sheet, headerRow: headerRow, intervalColumn: intervalColumn)
        sheet.insert(chart, row: row, column: intervalColumn + curves.intervalColumnCount + 1)
        return headerRow + xValues.count
    }

    /// Ends a curve block that starts at `row` and whose summary table ends at `summaryRow`:
    /// the block is kept on one printed page, and the next one starts below it, at least
    /// 18 rows down (a chart's height). Returns the next block's first row.
    func endCurveBlock(_ sheet: XlsxWorksheet, from row: Int, summaryRow: Int) -> Int {
        let next = max(summaryRow + 3, row + 18)
        sheet.keepTogether(row..<next)
        return next
    }

    /// Finishes a sheet of curve blocks: `emptyMessage` when none was written, the column
    /// widths and the print setup.
    func finishCurveSheet(_ sheet: XlsxWorksheet, blocksWritten: Bool, emptyMessage: String) {
        if !blocksWritten { sheet.write(emptyMessage, row: 0, column: 0) }
        sheet.setColumnWidth(0, 0, width: 18)
        sheet.setColumnWidth(1, 8, width: 14)
        sheet.preparePrinting(footer: footer)
    }
}
