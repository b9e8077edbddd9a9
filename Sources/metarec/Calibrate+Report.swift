import Calibration
import Experiments
import Foundation
import Reporting

extension MetaRec.Calibrate {
    /// Writes `calibration.md` and `calibration.xlsx` (sheets **Calibration**, the
    /// side-by-side statistics, and **Parameters**, the fitted world keys) into `directory`.
    static func writeReport(_ calibration: Calibration, to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try AtomicFile.write(Data(calibration.markdown().utf8), to: directory.appendingPathComponent("calibration.md"))
            let comparison = XlsxTable(
                sheet: "Calibration",
                header: ["statistic", "measure", "real", "simulated", "distance", "real detail", "simulated detail"],
                rows: calibration.comparison.rows.map { row in
                    [.text(row.statistic), .text(row.measure.rawValue), .number(row.real), .number(row.simulated),
                     .number(row.distance), .text(row.realDetail), .text(row.simulatedDetail)]
                }
            )
            let parameters = XlsxTable(
                sheet: "Parameters", header: ["world key", "value", "how"],
                rows: calibration.parameters.map { [.text($0.key), .text($0.value), .text($0.method)] }
            )
            try XlsxTables.write([comparison, parameters], footer: "MetaRecSim calibration: \(calibration.dataset)", to: directory.appendingPathComponent("calibration.xlsx"))
        } catch {
            throw InputError(file: directory.path, message: "cannot write the calibration report: \(error)")
        }
    }

    /// A few lines on the fit for the terminal.
    static func summary(_ calibration: Calibration, seconds: Double) -> String {
        var lines = ["calibrated a \(calibration.family.rawValue) world against \(calibration.dataset) in "
            + String(format: "%.1f s", seconds) + " (\(calibration.simulations) worlds simulated)"]
        for row in calibration.comparison.rows {
            let name = row.statistic.padding(toLength: 32, withPad: " ", startingAt: 0)
            lines.append("  \(name)" + String(format: " real %10.4g  simulated %10.4g  ", row.real, row.simulated)
                + "\(row.measure.rawValue) " + String(format: "%.4f", row.distance))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
