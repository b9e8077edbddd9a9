import Simulation

extension Calibration {
    /// The calibration report as Markdown: the fitted parameters, the side-by-side
    /// statistics with their distances, the 1–5 rating shares when rated, the feature
    /// cardinalities and the notes.
    public func markdown() -> String {
        var lines = [
            "# Calibration: \(family.rawValue) world against \(dataset)", "",
            "\(simulations) worlds simulated (seed \(seed)); the simulated column is the fitted world with seed \(seed), "
                + "the world the written scenario generates.", "",
            "## Fitted parameters", "",
            "| world key | value | how |", "|---|---|---|",
        ]
        lines += parameters.map { "| `\($0.key)` | `\($0.value)` | \($0.method) |" }
        lines += [
            "", "## Real and simulated", "",
            "Distributions: means, quantiles and the two-sample Kolmogorov–Smirnov statistic. Scalars: relative error.",
            "",
            "| statistic | real | simulated | distance |", "|---|---:|---:|---:|",
        ]
        for row in comparison.rows {
            let distance = "\(row.measure == .kolmogorovSmirnov ? "KS" : "rel. err.") \(Self.figure(row.distance))"
            let real =
                row.realDetail.isEmpty ? Self.figure(row.real) : "mean \(Self.figure(row.real)) · \(row.realDetail)"
            let simulated =
                row.simulatedDetail.isEmpty
                ? Self.figure(row.simulated) : "mean \(Self.figure(row.simulated)) · \(row.simulatedDetail)"
            lines.append("| \(row.statistic) | \(real) | \(simulated) | \(distance) |")
        }
        if config.ratingThresholds != nil, !real.feedbackValues.isEmpty, !simulated.feedbackValues.isEmpty {
            lines += ["", "## Ratings", "", "| rating | real share | simulated share |", "|---:|---:|---:|"]
            for (index, (realShare, simulatedShare)) in zip(real.ratingShares, simulated.ratingShares).enumerated() {
                lines.append("| \(index + 1) | \(Self.figure(realShare)) | \(Self.figure(simulatedShare)) |")
            }
        }
        lines += [
            "", "## Feature cardinalities", "", "| table | feature | distinct values | longest list |",
            "|---|---|---:|---:|",
        ]
        lines += cardinalities.users.map { "| user | \($0.name) | \($0.distinct) | \($0.longestList) |" }
        lines += cardinalities.items.map { "| item | \($0.name) | \($0.distinct) | \($0.longestList) |" }
        let demographics = Demographics.fields.map { "\($0.name) (\($0.cardinality))" }.joined(separator: ", ")
        lines += ["", "Simulated users always carry the demographics \(demographics); no world key sets them."]
        if !notes.isEmpty {
            lines += ["", "## Notes", ""] + notes.map { "- \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A figure with four significant digits, `∞` for infinity.
    static func figure(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : "—" }
        return value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.4g", value)
    }
}
