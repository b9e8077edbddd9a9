import CXlsxWriter
import Evaluation

/// Writes a result set as an XLSX workbook with native charts.
///
/// Sheets: **Findings** (per world and protocol, the best meta-learner against the best
/// baseline, each sentence linking the sheet it summarizes, see ``Findings``), **Summary** (one row per scenario × protocol × model at the headline K, each
/// metric with its 95 % interval, the best value of each scenario in bold and a colour
/// scale from worst to best), **Cold start** (metric against K per model with each point's
/// 95 % interval, and a native line chart per scenario and metric, see `XlsxCurves`),
/// **Drift** (metric per window per model with intervals, a native line chart per
/// scenario and metric with the shifts marked, and the summary figures: mean, pre-shift
/// level, dip, recovery, cumulative regret, gap-to-oracle slope), **Onboarding** (metric per
/// round per model at each K with intervals, a native line chart each, and each model's
/// cumulative regret and rounds to 90 % of the oracle), **Cost** (the price of adapting:
/// fit time, adaptation and scoring latency, bytes, beside accuracy, with a native scatter
/// chart of accuracy against latency), **Transfer** (in-population and shifted users' figures
/// and the transfer gap with its interval), **Significance** (paired tests of every
/// model against the reference, raw and Holm-corrected p-values, effect sizes, the detectable
/// effect, the seeds' pooled difference and verdict), **Disagreements** (model pairs that logged
/// and oracle metrics order oppositely), **Segments** (per-segment figures), **Results**
/// (every tidy row) and **Run** (where the
/// results came from).
public struct XlsxReport: Sendable {
    let results: ResultSet
    let pivot: ResultPivot

    /// The version of libxlsxwriter in use.
    public static var libraryVersion: String { XlsxWorkbook.libraryVersion }

    /// Creates a report for `results`.
    public init(_ results: ResultSet) {
        self.results = results
        self.pivot = ResultPivot(results)
    }

    /// What every printed page's footer names: the suite.
    var footer: String { "MetaRecSim report: \(results.header.suite)" }

    /// Writes the workbook to `path` (not atomically; see ``ReportBundle``).
    public func write(to path: String) throws {
        let workbook = try XlsxWorkbook(path: path)
        let formats = Formats(workbook)
        try writeFindings(workbook, formats)
        try writeSummary(workbook, formats)
        try writeColdStart(workbook, formats)
        try writeDrift(workbook, formats)
        try writeOnboarding(workbook, formats)
        try writeCost(workbook, formats)
        try writeTransfer(workbook, formats)
        try writeSignificance(workbook, formats)
        try writeDisagreements(workbook, formats)
        try writeSegments(workbook, formats)
        try writeResults(workbook, formats)
        try writeRun(workbook, formats)
        try workbook.close()
    }

    struct Formats {
        let header: UnsafeMutablePointer<lxw_format>?
        let metric: UnsafeMutablePointer<lxw_format>?
        let bestMetric: UnsafeMutablePointer<lxw_format>?
        /// Whole numbers, for counts such as `adapted_parameters`.
        let count: UnsafeMutablePointer<lxw_format>?
        let pValue: UnsafeMutablePointer<lxw_format>?
        let title: UnsafeMutablePointer<lxw_format>?

        init(_ workbook: XlsxWorkbook) {
            header = workbook.addFormat {
                format_set_bold($0)
                format_set_bg_color($0, 0xDDE7F0)
                format_set_bottom($0, UInt8(LXW_BORDER_THIN.rawValue))
            }
            metric = workbook.addFormat { format_set_num_format($0, "0.0000") }
            bestMetric = workbook.addFormat {
                format_set_num_format($0, "0.0000")
                format_set_bold($0)
            }
            count = workbook.addFormat { format_set_num_format($0, "0") }
            pValue = workbook.addFormat { format_set_num_format($0, "0.00E+00") }
            title = workbook.addFormat { format_set_bold($0) }
        }
    }

    // MARK: - Summary

    private func writeSummary(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Summary")
        let metrics = pivot.scenarios.flatMap { pivot.metrics(in: $0) }.reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        var headers = ["Scenario", "Protocol", "Model", "K", "Seeds"]
        let groundTruth = pivot.scenarios.contains(where: pivot.hasGroundTruth)
        for metric in metrics {
            let label = ResultPivot.label(metric, groundTruth: groundTruth)
            headers += [label, "\(label) CI low", "\(label) CI high"]
        }
        headers.append("vs reference")
        for (column, text) in headers.enumerated() { sheet.write(text, row: 0, column: column, format: formats.header) }
        var row = 1
        for scenario in pivot.scenarios {
            guard let shots = pivot.headlineShots(in: scenario) else { continue }
            let firstRow = row
            let lines = pivot.shotProtocols(in: scenario).flatMap { protocolName in
                pivot.models(in: scenario, protocolName: protocolName).map { (protocolName, $0) }
            }
            for (index, metric) in metrics.enumerated() {
                let figures = lines.map {
                    pivot.figure(scenario: scenario, protocolName: $0.0, model: $0.1, metric: metric, shots: shots)
                }
                let lowerIsBetter = Metric(metric).map { !$0.higherIsBetter } ?? false
                let values = figures.compactMap { $0?.value }
                let best = lowerIsBetter ? values.min() : values.max()
                let column = 5 + 3 * index
                let isCount = Metric(metric)?.family == .modelSize
                for (offset, figure) in figures.enumerated() {
                    guard let figure else { continue }
                    let line = firstRow + offset
                    sheet.write(Double(figure.seeds), row: line, column: 4)
                    let format = isCount ? formats.count : figure.value == best ? formats.bestMetric : formats.metric
                    sheet.write(figure.value, row: line, column: column, format: format)
                    let low = figure.interval?.lowerBound ?? figure.value - (figure.standardDeviation ?? 0)
                    let high = figure.interval?.upperBound ?? figure.value + (figure.standardDeviation ?? 0)
                    sheet.write(low, row: line, column: column + 1, format: isCount ? formats.count : formats.metric)
                    sheet.write(high, row: line, column: column + 2, format: isCount ? formats.count : formats.metric)
                }
                if values.count > 1 {
                    sheet.colorScale(
                        column: column, firstRow: firstRow, lastRow: firstRow + lines.count - 1,
                        lowerIsBetter: lowerIsBetter)
                }
            }
            let reference = results.significance.verdicts.first { $0.scenario == scenario }?.reference
            for (offset, line) in lines.enumerated() {
                let verdicts = results.significance.verdicts.filter {
                    $0.scenario == scenario && $0.protocolName == line.0 && $0.model == line.1
                        && $0.verdict != .inconclusive
                }
                let marker =
                    line.1 == reference
                    ? "reference"
                    : verdicts.map { "\($0.metric) \($0.verdict == .win ? "▲" : "▼")" }.joined(separator: ", ")
                sheet.write(marker, row: firstRow + offset, column: headers.count - 1)
                sheet.write(scenario, row: firstRow + offset, column: 0)
                sheet.write(line.0, row: firstRow + offset, column: 1)
                sheet.write(line.1, row: firstRow + offset, column: 2)
                sheet.write(Double(shots), row: firstRow + offset, column: 3)
            }
            row += lines.count
        }
        let longest = pivot.scenarios.flatMap { [$0] + pivot.models(in: $0) }.map(\.count).max() ?? 0
        sheet.setColumnWidth(0, 2, width: Double(max(12, longest + 2)))
        sheet.setColumnWidth(3, 4, width: 7)
        if !metrics.isEmpty { sheet.setColumnWidth(5, 4 + 3 * metrics.count, width: 16) }
        sheet.freezeRows(1)
        sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(row - 1, 0), lastColumn: headers.count - 1)
        sheet.preparePrinting(footer: footer, headerRows: 0...0)
    }

    // MARK: - Cold start

    private func writeColdStart(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Cold start")
        var row = 0
        for scenario in pivot.scenarios {
            let shots = pivot.shots(in: scenario)
            guard !shots.isEmpty else { continue }
            let models = pivot.models(in: scenario, protocolName: ColdStartProtocol.name)
            for metric in pivot.curveMetrics(in: scenario) {
                _ = try writeCurveTable(
                    sheet, workbook, formats, row: row, title: "\(scenario): \(metric) against K",
                    chartTitle: "\(scenario): \(metric)",
                    xHeader: "K", xAxis: "support size K", xValues: shots, metric: metric, models: models
                ) { model, k in
                    pivot.figure(
                        scenario: scenario, protocolName: ColdStartProtocol.name, model: model, metric: metric, shots: k
                    )
                }
                let height = max(shots.count + 3, 17)
                sheet.keepTogether(row..<(row + height))
                row += height
            }
        }
        sheet.setColumnWidth(0, 0, width: 8)
        sheet.setColumnWidth(1, 8, width: 13)
        sheet.preparePrinting(footer: footer)
    }

    // MARK: - Drift

    private func writeDrift(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Drift")
        var row = 0
        for scenario in pivot.scenarios {
            let windows = pivot.windows(in: scenario)
            guard !windows.isEmpty else { continue }
            let models = pivot.models(in: scenario, protocolName: pivot.driftProtocol)
            let figures = results.drift.filter { $0.scenario == scenario }
            let shifts = figures.first?.shifts ?? []
            for shift in shifts {
                sheet.write("\(scenario): shift in window \(shift.window): \(shift.label)", row: row, column: 0)
                row += 1
            }
            for metric in pivot.driftMetrics(in: scenario) {
                sheet.write("\(scenario): \(metric) per window", row: row, column: 0, format: formats.title)
                let headerRow = row + 1
                let shiftColumn = models.count + 1
                sheet.write("Window", row: headerRow, column: 0, format: formats.header)
                for (index, model) in models.enumerated() {
                    sheet.write(model, row: headerRow, column: index + 1, format: formats.header)
                }
                sheet.write("shift", row: headerRow, column: shiftColumn, format: formats.header)
                var highest = -Double.infinity
                for (offset, window) in windows.enumerated() {
                    let dataRow = headerRow + 1 + offset
                    sheet.write(Double(window), row: dataRow, column: 0)
                    for (index, model) in models.enumerated() {
                        if let figure = pivot.driftFigure(
                            scenario: scenario, model: model, metric: metric, window: window)
                        {
                            sheet.write(figure.value, row: dataRow, column: index + 1, format: formats.metric)
                            highest = max(highest, figure.value)
                        }
                    }
                }
                for shift in shifts {
                    guard let offset = windows.firstIndex(of: shift.window), highest.isFinite else { continue }
                    sheet.write(highest, row: headerRow + 1 + offset, column: shiftColumn, format: formats.metric)
                }
                let curves = XlsxCurves(models: models, xValues: windows) {
                    pivot.driftFigure(scenario: scenario, model: $0, metric: metric, window: $1)
                }
                curves.writeIntervals(
                    on: sheet, headerRow: headerRow, firstColumn: shiftColumn + 1, header: formats.header,
                    number: formats.metric)
                let chart = try workbook.addLineChart()
                chart.label(title: "\(scenario): \(metric) per window", xAxis: "window", yAxis: metric)
                let lastRow = headerRow + windows.count
                curves.addSeries(to: chart, sheet: sheet, headerRow: headerRow, intervalColumn: shiftColumn + 1)
                if !shifts.isEmpty {
                    chart.addSeries(
                        name: "shift", sheet: sheet, categoryColumn: 0, valueColumn: shiftColumn,
                        firstRow: headerRow + 1,
                        lastRow: lastRow, style: .markers
                    )
                }
                sheet.insert(chart, row: row, column: shiftColumn + curves.intervalColumnCount + 2)
                var summaryRow = lastRow + 2
                let summaryHeaders = [
                    "Model", "Mean over windows", "Pre-shift level", "Dip depth", "Recovery", "Cumulative regret",
                    "Gap-to-oracle slope",
                ]
                for (column, text) in summaryHeaders.enumerated() {
                    sheet.write(text, row: summaryRow, column: column, format: formats.header)
                }
                for model in models {
                    let perSeed = figures.filter { $0.model == model && $0.metric == metric }
                    guard !perSeed.isEmpty else { continue }
                    summaryRow += 1
                    let summary = DriftFigureSummary(perSeed)
                    sheet.write(model, row: summaryRow, column: 0)
                    sheet.write(summary.mean, row: summaryRow, column: 1, format: formats.metric)
                    if let level = summary.preShiftLevel {
                        sheet.write(level, row: summaryRow, column: 2, format: formats.metric)
                    }
                    if let dip = summary.dipDepth {
                        sheet.write(dip, row: summaryRow, column: 3, format: formats.metric)
                    }
                    sheet.write(summary.recoveryText, row: summaryRow, column: 4)
                    if let regret = summary.cumulativeRegret {
                        sheet.write(regret, row: summaryRow, column: 5, format: formats.metric)
                    }
                    if let slope = summary.gapSlope {
                        sheet.write(slope, row: summaryRow, column: 6, format: formats.metric)
                    }
                }
                row = endCurveBlock(sheet, from: row, summaryRow: summaryRow)
            }
        }
        finishCurveSheet(
            sheet, blocksWritten: row > 0,
            emptyMessage: "No drift protocol: add protocols.drift to a scenario to measure it.")
    }

    // MARK: - Significance

    private func writeSignificance(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Significance")
        let headers = [
            "Scenario", "Protocol", "Metric", "K", "Model", "Reference", "Seed", "Pairs", "Mean difference",
            "Wilcoxon p", "Wilcoxon p (Holm)", "t-test p", "t-test p (Holm)", "Cohen's d", "Rank-biserial", "Verdict",
            "Detectable at 80 % power", "Pooled mean difference", "Seed spread low", "Seed spread high",
            "Pooled p (Holm)",
        ]
        for (column, text) in headers.enumerated() { sheet.write(text, row: 0, column: column, format: formats.header) }
        let significance = results.significance
        for (index, comparison) in significance.comparisons.enumerated() {
            let row = index + 1
            sheet.write(comparison.scenario, row: row, column: 0)
            sheet.write(comparison.protocolName, row: row, column: 1)
            sheet.write(comparison.metric, row: row, column: 2)
            if let shots = comparison.shots { sheet.write(Double(shots), row: row, column: 3) }
            sheet.write(comparison.model, row: row, column: 4)
            sheet.write(comparison.reference, row: row, column: 5)
            sheet.write(Double(comparison.seed), row: row, column: 6)
            sheet.write(Double(comparison.pairs), row: row, column: 7)
            sheet.write(comparison.meanDifference, row: row, column: 8, format: formats.metric)
            sheet.write(comparison.wilcoxonP, row: row, column: 9, format: formats.pValue)
            sheet.write(comparison.wilcoxonAdjustedP, row: row, column: 10, format: formats.pValue)
            sheet.write(comparison.tTestP, row: row, column: 11, format: formats.pValue)
            sheet.write(comparison.tTestAdjustedP, row: row, column: 12, format: formats.pValue)
            sheet.write(comparison.cohensD, row: row, column: 13, format: formats.metric)
            sheet.write(comparison.rankBiserial, row: row, column: 14, format: formats.metric)
            let verdict = significance.verdict(
                scenario: comparison.scenario, protocolName: comparison.protocolName, metric: comparison.metric,
                model: comparison.model
            )
            sheet.write(verdict?.sentence ?? "", row: row, column: 15)
            if let detectable = comparison.minimumDetectableEffect {
                sheet.write(detectable, row: row, column: 16, format: formats.metric)
            }
            if let pooled = verdict?.pooled {
                sheet.write(pooled.effect, row: row, column: 17, format: formats.metric)
                sheet.write(pooled.ciLow, row: row, column: 18, format: formats.metric)
                sheet.write(pooled.ciHigh, row: row, column: 19, format: formats.metric)
                sheet.write(pooled.adjustedP, row: row, column: 20, format: formats.pValue)
            }
        }
        sheet.setColumnWidth(0, 5, width: 16)
        sheet.setColumnWidth(8, 14, width: 13)
        sheet.setColumnWidth(15, 15, width: 60)
        sheet.freezeRows(1)
        sheet.autofilter(
            firstRow: 0, firstColumn: 0, lastRow: max(significance.comparisons.count, 1), lastColumn: headers.count - 1)
        sheet.preparePrinting(footer: footer, headerRows: 0...0)
    }

    // MARK: - Disagreements

    /// Model pairs that a logged and an oracle metric order oppositely, each significantly.
    private func writeDisagreements(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Disagreements")
        let headers = [
            "Scenario", "Protocol", "K", "Logged metric", "Logged favours", "Logged difference", "Logged p (Holm)",
            "Oracle metric", "Oracle favours", "Oracle difference", "Oracle p (Holm)",
        ]
        for (column, text) in headers.enumerated() { sheet.write(text, row: 0, column: column, format: formats.header) }
        let found = results.significance.disagreements
        for (index, entry) in found.enumerated() {
            let row = index + 1
            sheet.write(entry.scenario, row: row, column: 0)
            sheet.write(entry.protocolName, row: row, column: 1)
            if let shots = entry.shots { sheet.write(Double(shots), row: row, column: 2) }
            sheet.write(entry.loggedMetric, row: row, column: 3)
            sheet.write(entry.loggedFavours, row: row, column: 4)
            sheet.write(entry.loggedEffect, row: row, column: 5, format: formats.metric)
            sheet.write(entry.loggedP, row: row, column: 6, format: formats.pValue)
            sheet.write(entry.oracleMetric, row: row, column: 7)
            sheet.write(entry.oracleFavours, row: row, column: 8)
            sheet.write(entry.oracleEffect, row: row, column: 9, format: formats.metric)
            sheet.write(entry.oracleP, row: row, column: 10, format: formats.pValue)
        }
        if found.isEmpty {
            sheet.write(
                "No pair of models is ordered oppositely by a logged and an oracle metric, each significantly.", row: 1,
                column: 0)
        }
        sheet.setColumnWidth(0, headers.count - 1, width: 16)
        sheet.freezeRows(1)
        sheet.preparePrinting(footer: footer, headerRows: 0...0)
    }

    // MARK: - Segments

    private func writeSegments(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Segments")
        let headers = [
            "Scenario", "Protocol", "Model", "Segment", "K", "Metric", "Seeds", "Value", "CI low", "CI high", "Users",
        ]
        for (column, text) in headers.enumerated() { sheet.write(text, row: 0, column: column, format: formats.header) }
        let segmented = Dictionary(
            grouping: results.rows.filter { $0.segment != UserSegments.all && $0.protocolName != TransferProtocol.name }
        ) {
            ComparisonKey(
                scenario: $0.scenario, protocolName: $0.protocolName, model: $0.model, segment: $0.segment,
                shots: $0.shots, window: $0.window, metric: $0.metric)
        }
        for (index, key) in segmented.keys.sorted().enumerated() {
            guard let rows = segmented[key] else { continue }
            let figure = SeedAggregate(rows)
            let row = index + 1
            sheet.write(key.scenario, row: row, column: 0)
            sheet.write(key.protocolName, row: row, column: 1)
            sheet.write(key.model, row: row, column: 2)
            sheet.write(key.segment, row: row, column: 3)
            if let shots = key.shots { sheet.write(Double(shots), row: row, column: 4) }
            sheet.write(key.metric, row: row, column: 5)
            sheet.write(Double(figure.seeds), row: row, column: 6)
            sheet.write(figure.value, row: row, column: 7, format: formats.metric)
            sheet.write(
                figure.interval?.lowerBound ?? figure.value - (figure.standardDeviation ?? 0), row: row, column: 8,
                format: formats.metric)
            sheet.write(
                figure.interval?.upperBound ?? figure.value + (figure.standardDeviation ?? 0), row: row, column: 9,
                format: formats.metric)
            sheet.write(Double(figure.n), row: row, column: 10)
        }
        if segmented.isEmpty {
            sheet.write(
                "No segments: list them under protocols.cold_start.segments in the scenario.", row: 1, column: 0)
        }
        sheet.setColumnWidth(0, 3, width: 16)
        sheet.freezeRows(1)
        sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(segmented.count, 1), lastColumn: headers.count - 1)
        sheet.preparePrinting(footer: footer, headerRows: 0...0)
    }

    // MARK: - Results

    private func writeResults(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Results")
        let headers = [
            "scenario", "protocol", "model", "seed", "segment", "shots", "window", "round", "metric", "value", "ci_low",
            "ci_high", "n",
        ]
        for (column, text) in headers.enumerated() { sheet.write(text, row: 0, column: column, format: formats.header) }
        for (index, result) in results.rows.enumerated() {
            let row = index + 1
            sheet.write(result.scenario, row: row, column: 0)
            sheet.write(result.protocolName, row: row, column: 1)
            sheet.write(result.model, row: row, column: 2)
            sheet.write(Double(result.seed), row: row, column: 3)
            sheet.write(result.segment, row: row, column: 4)
            if let shots = result.shots { sheet.write(Double(shots), row: row, column: 5) }
            if let window = result.window { sheet.write(Double(window), row: row, column: 6) }
            if let round = result.round { sheet.write(Double(round), row: row, column: 7) }
            sheet.write(result.metric, row: row, column: 8)
            sheet.write(result.value, row: row, column: 9, format: formats.metric)
            sheet.write(result.ciLow, row: row, column: 10, format: formats.metric)
            sheet.write(result.ciHigh, row: row, column: 11, format: formats.metric)
            sheet.write(Double(result.n), row: row, column: 12)
        }
        sheet.setColumnWidth(0, 2, width: 14)
        sheet.setColumnWidth(9, 11, width: 10)
        sheet.freezeRows(1)
        sheet.autofilter(
            firstRow: 0, firstColumn: 0, lastRow: max(results.rows.count, 1), lastColumn: headers.count - 1)
        sheet.preparePrinting(footer: footer, headerRows: 0...0)
    }

    // MARK: - Run

    private func writeRun(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Run")
        let header = results.header
        var entries: [(String, String)] = [
            ("suite", header.suite),
            ("toolkit version", header.toolkitVersion),
            ("git commit", header.gitCommit ?? "unknown"),
            ("schema version", String(header.schemaVersion)),
            ("seeds", header.seeds.map(String.init).joined(separator: ", ")),
            ("host", "\(header.host.name) (\(header.host.operatingSystem), \(header.host.cores) cores)"),
            ("started", header.timings.started),
            ("wall time (s)", SeedAggregate.format(header.timings.totalSeconds)),
            (
                "cells",
                "\(header.timings.cells.count) of \(header.plannedCells.count) planned\(header.shard.map { ", shard \($0)" } ?? "")"
            ),
            ("partial", header.partial ? "yes: some planned cells were not run" : "no"),
        ]
        entries += (header.warnings ?? []).map { ("warning", $0) }
        entries += header.libraries.sorted { $0.key < $1.key }.map { ("library \($0.key)", $0.value) }
        entries += header.scenarios.map { ("scenario \($0.name)", "\($0.path) sha256 \($0.sha256)") }
        entries += header.scenarios.compactMap { scenario in scenario.dataNote.map { ("data \(scenario.name)", $0) } }
        entries += header.scenarios.compactMap { scenario in
            scenario.objectives.map { objectives in
                (
                    "objectives \(scenario.name)",
                    scenario.models.compactMap { model in objectives[model].map { "\(model): \($0)" } }.joined(
                        separator: "; ")
                )
            }
        }
        for (row, entry) in entries.enumerated() {
            sheet.write(entry.0, row: row, column: 0, format: formats.title)
            sheet.write(entry.1, row: row, column: 1)
        }
        let cellsRow = entries.count + 1
        for (column, text) in ["scenario", "model", "seed", "seconds", "error", "cached"].enumerated() {
            sheet.write(text, row: cellsRow, column: column, format: formats.header)
        }
        for (index, cell) in header.timings.cells.enumerated() {
            let row = cellsRow + 1 + index
            sheet.write(cell.scenario, row: row, column: 0)
            sheet.write(cell.model, row: row, column: 1)
            sheet.write(Double(cell.seed), row: row, column: 2)
            sheet.write(cell.seconds, row: row, column: 3, format: formats.metric)
            if let error = cell.error { sheet.write(error, row: row, column: 4) }
            sheet.write(cell.cached ? "yes" : "no", row: row, column: 5)
        }
        sheet.setColumnWidth(0, 0, width: 22)
        sheet.setColumnWidth(1, 1, width: 40)
        sheet.preparePrinting(footer: footer)
    }
}
