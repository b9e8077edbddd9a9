import Evaluation

// MARK: - Transfer to a shifted population

extension MarkdownReport {
    /// The transfer protocol at its largest K: per metric and model, the in-population and
    /// shifted users' figures and the transfer gap with its interval, significant gaps marked.
    func transferSection(_ scenario: String) -> [String] {
        guard let shots = pivot.transferShots(in: scenario).last else { return [] }
        let groundTruth = pivot.hasGroundTruth(scenario)
        var lines = ["### \(scenario): transfer to a shifted population at K = \(shots)", ""]
        if let note = results.header.scenarios.first(where: { $0.name == scenario })?.transferNote {
            lines += ["Shifted population: \(note).", ""]
        }
        for metric in pivot.transferMetrics(in: scenario) {
            lines += [
                "**\(ResultPivot.label(metric, groundTruth: groundTruth))**", "",
                "| model | in-population | shifted | transfer gap [95 % interval] |", "|---|---|---|---|",
            ]
            for model in pivot.models(in: scenario) {
                let figure = { (segment: String) in
                    pivot.transferFigure(
                        scenario: scenario, model: model, metric: metric, shots: shots, segment: segment)
                }
                guard let gap = figure(TransferProtocol.gapSegment) else { continue }
                let cells = [TransferProtocol.inPopulationSegment, TransferProtocol.shiftedSegment].map {
                    figure($0)?.text ?? "–"
                }
                let marker = ResultPivot.isSignificantGap(gap) ? " ▼" : ""
                lines.append("| \(model) | " + cells.joined(separator: " | ") + " | " + gap.text + marker + " |")
            }
            lines.append("")
        }
        lines += [
            "Models meta-train on the world's own users, then adapt to unseen users of that population (in-population) "
                + "and of the shifted one (fresh users of the same world, with the population keys changed). The transfer gap is "
                + "how much worse the shifted users are served, in the metric's units (positive: worse), with a two-sample "
                + "bootstrap interval over both groups of users (across seeds, the t-interval of the seeds' gaps); ▼ marks a gap "
                + "whose interval excludes 0.",
            "",
        ]
        return lines
    }
}
