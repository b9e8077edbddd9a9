import Calibration
import Foundation

/// Writes a calibration's report: `calibration.md` (`Calibration/markdown()`) and
/// `calibration.xlsx`, whose sheet **Calibration** holds the real and simulated statistics
/// side by side and **Parameters** the fitted world keys.
public enum CalibrationReport {
    /// Writes both files into `directory` (created if missing), each atomically, and
    /// returns them.
    @discardableResult
    public static func write(_ calibration: Calibration, to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let markdownURL = directory.appendingPathComponent("calibration.md")
        try AtomicFile.write(Data(calibration.markdown().utf8), to: markdownURL)
        let comparison = XlsxTable(
            sheet: "Calibration",
            header: ["statistic", "measure", "real", "simulated", "distance", "real detail", "simulated detail"],
            rows: calibration.comparison.rows.map { row in
                [
                    .text(row.statistic), .text(row.measure.rawValue), .number(row.real), .number(row.simulated),
                    .number(row.distance), .text(row.realDetail), .text(row.simulatedDetail),
                ]
            }
        )
        let parameters = XlsxTable(
            sheet: "Parameters", header: ["world key", "value", "how"],
            rows: calibration.parameters.map { [.text($0.key), .text($0.value), .text($0.method)] }
        )
        let workbookURL = directory.appendingPathComponent("calibration.xlsx")
        try XlsxTables.write(
            [comparison, parameters], footer: "MetaRecSim calibration: \(calibration.dataset)", to: workbookURL)
        return [markdownURL, workbookURL]
    }
}
