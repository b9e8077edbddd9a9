/// A model's drift figures of one metric averaged over seeds, as report cells: mean over
/// windows, pre-shift level, dip depth and recovery of the first shift, cumulative regret.
struct DriftFigureSummary {
    /// Mean over seeds of the mean over windows.
    let mean: Double
    /// Mean over seeds of the first shift's pre-shift level, when every seed has one.
    let preShiftLevel: Double?
    /// Mean over seeds of the first shift's dip depth.
    let dipDepth: Double?
    /// The first shift's recovery windows in each seed (`nil` = not recovered).
    let recoveries: [Int?]
    /// Mean over seeds of the cumulative regret.
    let cumulativeRegret: Double?

    /// Summarizes the per-seed figures of one model and metric.
    init(_ figures: [DriftFigure]) {
        let count = Double(max(figures.count, 1))
        mean = figures.reduce(0) { $0 + $1.meanOverWindows } / count
        let firsts = figures.compactMap(\.shifts.first)
        let levels = firsts.compactMap(\.preShiftLevel)
        preShiftLevel = levels.count == figures.count && !levels.isEmpty ? levels.reduce(0, +) / count : nil
        dipDepth = firsts.count == figures.count && !firsts.isEmpty ? firsts.reduce(0) { $0 + $1.dipDepth } / count : nil
        recoveries = firsts.map(\.recoveryWindows)
        let regrets = figures.compactMap(\.cumulativeRegret)
        cumulativeRegret = regrets.count == figures.count && !regrets.isEmpty ? regrets.reduce(0, +) / count : nil
    }

    /// `3 windows`, `not recovered`, or per seed `2, 3, not recovered`; `–` without a shift.
    var recoveryText: String {
        guard !recoveries.isEmpty else { return "–" }
        let texts = recoveries.map { $0.map { $0 == 1 ? "1 window" : "\($0) windows" } ?? "not recovered" }
        return Set(texts).count == 1 ? texts[0] : texts.joined(separator: ", ")
    }

    /// The five cells after the model's name.
    var cells: [String] {
        let format = { (value: Double?) in value.map(SeedAggregate.format) ?? "–" }
        return [format(mean), format(preShiftLevel), format(dipDepth), recoveryText, format(cumulativeRegret)]
    }
}
