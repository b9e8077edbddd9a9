/// What the drift protocol measured for one model: per-window figures and, per metric,
/// the summary of its curve around the world's shifts.
public struct DriftOutcome: Sendable {
    /// One measurement per window and metric (`window` set, protocol `drift`).
    public let measurements: [Measurement]
    /// The curve summary of each metric, and the oracle's curve it was held against.
    public let summaries: [(metric: Metric, summary: DriftSummary, oracleCurve: [Double])]
    /// The first window of each shift.
    public let shiftWindows: [Int]
    /// What the world recorded for each shift, aligned with ``shiftWindows``.
    public let shiftLabels: [String]
}
