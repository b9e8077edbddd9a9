import Evaluation

/// Renders a result set as Markdown that reads well on GitHub as is.
public struct MarkdownReport: Sendable {
    let results: ResultSet
    let pivot: ResultPivot
    let charts: ReportCharts

    /// Creates a report for `results`; it links the charts of ``ReportCharts``.
    public init(_ results: ResultSet) {
        self.results = results
        self.pivot = ResultPivot(results)
        self.charts = ReportCharts(results)
    }

    /// The report's text.
    public func render() -> String {
        var lines = ["# MetaRecSim report: \(results.header.suite)", ""]
        if results.header.partial {
            lines += ["> **Partial report:** some planned cells were not run (interrupted run or missing shards).", ""]
        }
        if let shard = results.header.shard {
            lines += ["> Shard \(shard) of the suite: only this shard's cells are shown.", ""]
        }
        lines += [results.findings.markdown()]
        lines += runSection()
        for scenario in pivot.scenarios {
            lines += dataSection(scenario)
            lines += summarySection(scenario)
            lines += disagreementSection(scenario)
            lines += significanceSection(scenario)
            lines += coldStartSection(scenario)
            lines += costSection(scenario)
            lines += transferSection(scenario)
            lines += driftSection(scenario)
            lines += onboardingSection(scenario)
        }
        lines += failureSection()
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Sections

    private func runSection() -> [String] {
        let header = results.header
        let seeds = header.seeds.map(String.init).joined(separator: ", ")
        return [
            "Toolkit \(header.toolkitVersion)\(header.gitCommit.map { " (commit `\(String($0.prefix(12)))`)" } ?? ""), "
                + "seeds \(seeds), \(header.host.cores) cores, "
                + "\(SeedAggregate.format(header.timings.totalSeconds)) s wall time.",
            "",
            "Values are means over evaluated users. With one seed, brackets give the 95 % interval (bootstrap "
                + "over users; jackknife for list-level metrics); with several, ± the standard deviation across seeds. "
                + "Ranking is over the full catalog unless the protocol says sampled.",
            "",
        ]
    }

    /// The note on a real dataset's scenario: what it ran on and that it has no oracle.
    private func dataSection(_ scenario: String) -> [String] {
        guard let note = results.header.scenarios.first(where: { $0.name == scenario })?.dataNote else { return [] }
        return ["> **\(scenario)** runs on real data: \(note)", ""]
    }

    private func summarySection(_ scenario: String) -> [String] {
        guard let shots = pivot.headlineShots(in: scenario) else { return [] }
        let metrics = pivot.metrics(in: scenario)
        let significance = results.significance
        let reference = significance.verdicts.first { $0.scenario == scenario }?.reference
        let groundTruth = pivot.hasGroundTruth(scenario)
        var lines = [Self.anchor(scenario, "summary"), "## \(scenario): summary at K = \(shots)", ""]
        lines.append(
            "| protocol | model | "
                + metrics.map { ResultPivot.label($0, groundTruth: groundTruth) }.joined(separator: " | ") + " |")
        lines.append("|---|---|" + String(repeating: "---|", count: metrics.count))
        for protocolName in pivot.shotProtocols(in: scenario) {
            for model in pivot.models(in: scenario, protocolName: protocolName) {
                let cells = metrics.map { metric in
                    let wholeNumbers = Metric(metric)?.family == .modelSize
                    let figure = pivot.figure(
                        scenario: scenario, protocolName: protocolName, model: model, metric: metric, shots: shots)
                    let text = figure?.text(wholeNumbers: wholeNumbers) ?? "–"
                    let verdict = significance.verdict(
                        scenario: scenario, protocolName: protocolName, metric: metric, model: model)?.verdict
                    return text + (verdict.map(Self.marker) ?? "")
                }
                let name = model == reference ? "\(model) (reference)" : model
                lines.append("| \(protocolName) | \(name) | " + cells.joined(separator: " | ") + " |")
            }
        }
        if let reference {
            let chosen =
                results.header.scenarios.first { $0.name == scenario }?.reference == nil
                ? "the strongest baseline on the validation users" : "the scenario's reference"
            lines += [
                "",
                "▲ better and ▼ worse than \(reference) (\(chosen)), significantly with the seeds pooled "
                    + "(stratified Wilcoxon signed-rank over users within seeds, Holm-corrected within the scenario and protocol, "
                    + "p ≤ \(significance.alpha)).",
            ]
        }
        if groundTruth {
            lines += [
                "",
                "Oracle metrics score against the simulated users' true utilities at the moment they are served; "
                    + "(logged) metrics score against the logged interactions, which show mostly what the logging policy chose to show.",
            ]
        }
        return lines + [""]
    }

    /// Where a logged metric and an oracle metric order two models oppositely, each significantly.
    private func disagreementSection(_ scenario: String) -> [String] {
        let found = results.significance.disagreements.filter { $0.scenario == scenario }
        guard !found.isEmpty else { return [] }
        return [
            Self.anchor(scenario, "disagreements"), "### \(scenario): disagreements between logged and true quality",
            "",
        ]
            + found.map { "- \($0.protocolName), K = \($0.shots.map(String.init) ?? "–"): \($0.sentence)." }
            + [
                "",
                "Each ordering is significant with the seeds pooled (stratified Wilcoxon signed-rank, Holm-corrected over "
                    + "every model pair × logged and oracle metric of the scenario and protocol); read the oracle metric as the "
                    + "ground truth.", "",
            ]
    }

    /// The explicit anchor a findings sentence links to (``Findings/anchor(_:_:)``), on its own line before the heading.
    static func anchor(_ scenario: String, _ section: String) -> String {
        "<a id=\"\(Findings.anchor(scenario, section))\"></a>"
    }

    private static func marker(_ verdict: SeedVerdict) -> String {
        switch verdict {
        case .win: return " ▲"
        case .loss: return " ▼"
        case .inconclusive: return ""
        }
    }

    private func significanceSection(_ scenario: String) -> [String] {
        let significance = results.significance
        let comparisons = significance.comparisons.filter { $0.scenario == scenario }
        guard let first = comparisons.first else { return [] }
        var lines = [
            Self.anchor(scenario, "significance"),
            "### \(scenario): paired tests against \(first.reference) at K = \(first.shots.map(String.init) ?? "–")",
            "",
        ]
        for family in significance.families where family.scenario == scenario {
            lines.append(
                "- Holm family of \(family.protocolName): \(family.verdictTests) pooled tests (models × metrics) for the "
                    + "verdicts, \(family.seedTests) per-seed tests (models × metrics × seeds), \(family.disagreementTests) "
                    + "pooled tests (model pairs × logged and oracle metrics) for the disagreements.")
        }
        lines += [
            "",
            "| protocol | model | metric | seeds | pairs | mean difference [seed spread: random-effects 95 % interval] | p (Holm) | detectable at 80 % power |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for verdict in significance.verdicts where verdict.scenario == scenario {
            guard let pooled = verdict.pooled else { continue }
            lines.append(
                "| \(verdict.protocolName) | \(verdict.model) | \(verdict.metric) | \(pooled.seeds) | \(pooled.pairs) | "
                    + String(
                        format: "%+.4f [%+.4f, %+.4f] | %.2g | %.4f |", pooled.effect, pooled.ciLow, pooled.ciHigh,
                        pooled.adjustedP, pooled.minimumDetectableEffect)
            )
        }
        lines += [
            "", "Per seed:", "",
            "| protocol | model | metric | seed | pairs | mean difference | Wilcoxon p (Holm) | t-test p (Holm) | Cohen's d | rank-biserial | detectable at 80 % power |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for comparison in comparisons {
            lines.append(
                "| \(comparison.protocolName) | \(comparison.model) | \(comparison.metric) | \(comparison.seed) | \(comparison.pairs) | "
                    + String(
                        format: "%+.4f | %.2g | %.2g | %+.3f | %+.3f | ", comparison.meanDifference,
                        comparison.wilcoxonAdjustedP,
                        comparison.tTestAdjustedP, comparison.cohensD, comparison.rankBiserial)
                    + (comparison.minimumDetectableEffect.map { String(format: "%.4f", $0) } ?? "–") + " |"
            )
        }
        lines.append("")
        for verdict in significance.verdicts where verdict.scenario == scenario && verdict.verdict != .inconclusive {
            lines.append("- \(verdict.model), \(verdict.metric) (\(verdict.protocolName)): \(verdict.sentence).")
        }
        return lines + [""]
    }

    private func coldStartSection(_ scenario: String) -> [String] {
        let shots = pivot.shots(in: scenario)
        guard !shots.isEmpty else { return [] }
        let models = pivot.models(in: scenario, protocolName: ColdStartProtocol.name)
        var lines = [Self.anchor(scenario, "cold-start"), "### \(scenario): cold start, metric against K", ""]
        for metric in pivot.curveMetrics(in: scenario) {
            lines.append("**\(ResultPivot.label(metric, groundTruth: pivot.hasGroundTruth(scenario)))**")
            lines.append("")
            if let chart = charts.entry(scenario: scenario, metric: metric) {
                lines.append("![\(chart.chart.title)](\(chart.path))")
                lines.append("")
            }
            lines.append("| K | " + models.joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---|", count: models.count))
            for k in shots {
                let cells = models.map {
                    pivot.figure(
                        scenario: scenario, protocolName: ColdStartProtocol.name, model: $0, metric: metric, shots: k
                    )
                    .map { SeedAggregate.format($0.value) } ?? "–"
                }
                lines.append("| \(k) | " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines
    }

    private func driftSection(_ scenario: String) -> [String] {
        let windows = pivot.windows(in: scenario)
        guard !windows.isEmpty else { return [] }
        let models = pivot.models(in: scenario, protocolName: pivot.driftProtocol)
        let figures = results.drift.filter { $0.scenario == scenario }
        var lines = [Self.anchor(scenario, "drift"), "### \(scenario): drift, metric per window", ""]
        let shifts = figures.first?.shifts ?? []
        let continuous = figures.first?.continuousProcesses ?? []
        if !shifts.isEmpty || !continuous.isEmpty {
            lines += shifts.map { shift in
                "- Event in window \(shift.window): \(shift.label)"
                    + (shift.preShiftLevel == nil ? " (no clean window before it: dip and recovery not measured)" : "")
            }
            lines += continuous.map { "- Continuous: \($0)" }
            lines += [
                "",
                "Dips and recoveries are measured around events (sudden switches, bursts at or above the stated lift) "
                    + "with at least one clean window before them; continuous drift shows as the slope per window of the gap "
                    + "to the oracle's curve.", "",
            ]
        }
        for metric in pivot.driftMetrics(in: scenario) {
            lines += ["**\(metric)**", ""]
            if let chart = charts.driftEntry(scenario: scenario, metric: metric) {
                lines += ["![\(chart.chart.title)](\(chart.path))", ""]
            }
            let shiftWindows = Set(figures.first?.shifts.map(\.window) ?? [])
            lines.append("| window | " + models.joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---|", count: models.count))
            for window in windows {
                let cells = models.map {
                    pivot.driftFigure(scenario: scenario, model: $0, metric: metric, window: window).map {
                        SeedAggregate.format($0.value)
                    } ?? "–"
                }
                lines.append(
                    "| \(window)\(shiftWindows.contains(window) ? " (event)" : "") | " + cells.joined(separator: " | ")
                        + " |")
            }
            lines += [
                "",
                "| model | mean over windows | pre-shift level | dip depth | recovery | cumulative regret | gap-to-oracle slope |",
                "|---|---|---|---|---|---|---|",
            ]
            for model in models {
                let perSeed = figures.filter { $0.model == model && $0.metric == metric }
                guard !perSeed.isEmpty else { continue }
                lines.append("| \(model) | " + DriftFigureSummary(perSeed).cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines
    }

    private func failureSection() -> [String] {
        let failed = results.header.timings.cells.filter { $0.error != nil }
        guard !failed.isEmpty else { return [] }
        return ["## Failed cells", ""]
            + failed.map { "- \($0.scenario) / \($0.model) / seed \($0.seed): \($0.error ?? "")" } + [""]
    }
}
