import CXlsxWriter
import Evaluation

extension XlsxReport {
    /// The workbook's first sheet: per world, one row per protocol finding, one per variant
    /// finding (the "Meta-learner" and "Baseline" columns hold the variant and the entry it
    /// varies), one for the cost and one for the disagreements, each sentence a link to the sheet it summarizes and
    /// followed by its figures: the test's shift with the interval that inverts it (which
    /// excludes 0 exactly when the verdict is significant), then the mean difference with its
    /// seed spread. The row under the headers says how they are made (``Findings/method(alpha:)``).
    func writeFindings(_ workbook: XlsxWorkbook, _ formats: Formats) throws {
        let sheet = try workbook.addWorksheet("Findings")
        let findings = results.findings
        let link = workbook.addFormat {
            format_set_text_wrap($0)
            format_set_font_color($0, 0x1F4E9A)
            format_set_underline($0, UInt8(LXW_UNDERLINE_SINGLE.rawValue))
            format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        let wrapped = workbook.addFormat {
            format_set_text_wrap($0)
            format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        for (column, text) in Self.findingHeaders.enumerated() {
            sheet.write(text, row: 0, column: column, format: formats.header)
        }
        sheet.write(Findings.method(alpha: findings.alpha), row: 1, column: 1, format: wrapped)
        var row = 3
        if findings.worlds.isEmpty {
            sheet.write(
                "No scenario ran a meta-learner against a baseline, so there is nothing to find.", row: row, column: 1)
            row += 1
        }
        let plain = { (text: String) in text.replacingOccurrences(of: "**", with: "") }
        for world in findings.worlds {
            sheet.write(world.scenario, row: row, column: 0, format: formats.title)
            sheet.write(Findings.headline(world), row: row, column: 1, format: formats.title)
            row += 1
            for finding in world.protocols {
                let (summary, chart) = Self.findingSheets(finding.axis)
                sheet.write(world.scenario, row: row, column: 0)
                sheet.writeLink(
                    plain(Findings.sentence(finding, alpha: findings.alpha) { text, _ in text }), toSheet: summary,
                    row: row, column: 1,
                    format: link)
                sheet.writeLink(chart, toSheet: chart, row: row, column: 2, format: link)
                Self.writeComparison(
                    sheet, row: row, formats: formats, metric: finding.metric, model: finding.metaLearner,
                    against: finding.baseline, effect: finding.effect, shift: finding.shift, verdict: finding.verdict)
                sheet.write(
                    finding.leadsFrom.map { "\(finding.axis == .shots ? "K = " : "\(finding.axis.rawValue) ")\($0)" }
                        ?? "not ahead at the last", row: row, column: 15)
                sheet.write(finding.metaLevel, row: row, column: 16, format: formats.metric)
                sheet.write(finding.baselineLevel, row: row, column: 17, format: formats.metric)
                if let ceiling = finding.ceiling { sheet.write(ceiling, row: row, column: 18, format: formats.metric) }
                if let seconds = finding.cost.metaSeconds {
                    sheet.write(seconds, row: row, column: 19, format: formats.metric)
                }
                if let seconds = finding.cost.baselineSeconds {
                    sheet.write(seconds, row: row, column: 20, format: formats.metric)
                }
                row += 1
            }
            for variant in world.variants {
                let (summary, chart) = Self.findingSheets(variant.axis)
                sheet.write(world.scenario, row: row, column: 0)
                sheet.writeLink(
                    plain(Findings.variantSentence(variant, alpha: findings.alpha) { text, _ in text }),
                    toSheet: summary, row: row,
                    column: 1, format: link)
                sheet.writeLink(chart, toSheet: chart, row: row, column: 2, format: link)
                Self.writeComparison(
                    sheet, row: row, formats: formats, metric: variant.metric, model: variant.model,
                    against: variant.base, effect: variant.effect, shift: variant.shift, verdict: variant.verdict)
                sheet.write(variant.level, row: row, column: 16, format: formats.metric)
                sheet.write(variant.baseLevel, row: row, column: 17, format: formats.metric)
                row += 1
            }
            if let first = world.protocols.first {
                sheet.write(world.scenario, row: row, column: 0)
                sheet.writeLink(
                    plain(Findings.costSentence(first) { text, _ in text }), toSheet: "Run", row: row, column: 1,
                    format: link)
                row += 1
            }
            sheet.write(world.scenario, row: row, column: 0)
            sheet.writeLink(
                plain(Findings.disagreementSentence(world) { text, _ in text }), toSheet: "Disagreements", row: row,
                column: 1, format: link)
            row += 2
        }
        sheet.setColumnWidth(0, 0, width: 14)
        sheet.setColumnWidth(1, 1, width: 90)
        sheet.setColumnWidth(2, 2, width: 12)
        sheet.setColumnWidth(3, Self.findingHeaders.count - 1, width: 13)
        sheet.freezeRows(1)
        sheet.preparePrinting(footer: footer, headerRows: 0...0)
    }

    /// The Findings sheet's columns.
    static let findingHeaders = [
        "World", "Finding (links to the sheet it summarizes)", "See also", "Metric", "Meta-learner", "Baseline",
        "Shift (test)", "Test interval low", "Test interval high", "Test interval confidence", "p (Holm)", "Verdict",
        "Mean difference", "Seed spread low", "Seed spread high", "Leads from", "Meta-learner level", "Baseline level",
        "Oracle level", "Meta-learner s/cell", "Baseline s/cell",
    ]

    /// Columns 3 to 14 of a finding's row: the metric, the two models compared, the test's
    /// shift with its interval (an end the test never reaches reads `unbounded`; empty in
    /// files written before it), its Holm p-value, the verdict, and the mean difference with
    /// its seed spread.
    private static func writeComparison(
        _ sheet: XlsxWorksheet, row: Int, formats: Formats, metric: String, model: String, against other: String,
        effect: PooledFigure, shift: StratifiedShift?, verdict: SeedVerdict
    ) {
        sheet.write(metric, row: row, column: 3)
        sheet.write(model, row: row, column: 4)
        sheet.write(other, row: row, column: 5)
        if let shift {
            sheet.write(shift.estimate, row: row, column: 6, format: formats.metric)
            for (column, end) in [(7, shift.low), (8, shift.high)] {
                if let end {
                    sheet.write(end, row: row, column: column, format: formats.metric)
                } else {
                    sheet.write("unbounded", row: row, column: column)
                }
            }
            sheet.write(1 - shift.level, row: row, column: 9, format: formats.metric)
        }
        sheet.write(effect.adjustedP, row: row, column: 10, format: formats.pValue)
        sheet.write(verdict.rawValue, row: row, column: 11)
        sheet.write(effect.effect, row: row, column: 12, format: formats.metric)
        sheet.write(effect.ciLow, row: row, column: 13, format: formats.metric)
        sheet.write(effect.ciHigh, row: row, column: 14, format: formats.metric)
    }

    /// The sheet holding a finding's tests or summary figures, and the sheet holding its curve.
    static func findingSheets(_ axis: ProtocolFinding.Axis) -> (summary: String, chart: String) {
        switch axis {
        case .shots: return ("Significance", "Cold start")
        case .round: return ("Onboarding", "Onboarding")
        case .window: return ("Drift", "Drift")
        }
    }
}
