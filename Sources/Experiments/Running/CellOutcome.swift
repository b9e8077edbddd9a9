import Reporting

/// What one cell produced: its rows, the per-user values behind them, and its timing.
/// Stored in the result cache (see `CellOutcome+Coding.swift` for the stored form).
struct CellOutcome: Sendable {
    /// The cell's result rows.
    let rows: [ResultRow]
    /// The per-user values behind the rows.
    let perUser: [PerUserRecord]
    /// The drift protocol's curve summaries.
    let drift: [DriftFigure]
    /// How long it took, and how it ended.
    var timing: ResultHeader.CellTiming
}
