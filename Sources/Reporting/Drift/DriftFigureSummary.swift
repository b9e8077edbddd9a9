/// A model's drift figures of one metric averaged over seeds, as report cells: mean over
/// windows, pre-shift level, dip depth and recovery of the first measured event (one with
/// a clean window before it), cumulative regret and the slope of the gap to the oracle.
struct DriftFigureSummary {
    /// Mean over seeds of the mean over windows.
    let mean: Double
    /// Mean over seeds of the first measured event's pre-shift level, when every seed has one.
    let preShiftLevel: Double?
    /// Mean over seeds of the first measured event's dip depth.
    let dipDepth: Double?
    /// The first measured event's recovery windows in each seed (`nil` = not recovered).
    let recoveries: [Int?]
    /// Mean over seeds of the cumulative regret, when every seed has one.
    let cumulativeRegret: Double?
    /// Mean over seeds of the gap-to-oracle slope per window, when every seed has one.
    let gapSlope: Double?

    init(_ figures: [DriftFigure]) {
        let count = Double(max(figures.count, 1))
        let mean = { (values: [Double]) in
            values.count == figures.count && !values.isEmpty ? values.reduce(0, +) / count : nil
        }
        self.mean = figures.reduce(0) { $0 + $1.meanOverWindows } / count
        let measured = figures.compactMap { $0.shifts.first { $0.preShiftLevel != nil } }
        preShiftLevel = mean(measured.compactMap(\.preShiftLevel))
        dipDepth = mean(measured.compactMap(\.dipDepth))
        recoveries = measured.count == figures.count ? measured.map(\.recoveryWindows) : []
        cumulativeRegret = mean(figures.compactMap(\.cumulativeRegret))
        gapSlope = mean(figures.compactMap(\.gapSlope))
    }

    /// The recovery in words, one per seed when they differ; `–` when not measured.
    var recoveryText: String {
        guard !recoveries.isEmpty else { return "–" }
        let texts = recoveries.map { $0.map { $0 == 1 ? "1 window" : "\($0) windows" } ?? "not recovered" }
        return Set(texts).count == 1 ? texts[0] : texts.joined(separator: ", ")
    }

    /// The cells of a report's drift summary row, after the model's name.
    var cells: [String] {
        let format = { (value: Double?) in value.map(SeedAggregate.format) ?? "–" }
        return [
            format(mean), format(preShiftLevel), format(dipDepth), recoveryText, format(cumulativeRegret),
            format(gapSlope),
        ]
    }
}
