import Foundation

extension Calibration {
    /// A few lines on the fit for the terminal: what was fitted against what in how many
    /// `seconds`, then each statistic's real and simulated value with their distance.
    public func summary(seconds: Double) -> String {
        var lines = [
            "calibrated a \(family.rawValue) world against \(dataset) in "
                + String(format: "%.1f s", seconds) + " (\(simulations) worlds simulated)"
        ]
        for row in comparison.rows {
            let name = row.statistic.padding(toLength: 32, withPad: " ", startingAt: 0)
            lines.append(
                "  \(name)" + String(format: " real %10.4g  simulated %10.4g  ", row.real, row.simulated)
                    + "\(row.measure.rawValue) " + String(format: "%.4f", row.distance))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
