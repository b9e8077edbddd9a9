import Evaluation

// MARK: - Reproducible figures

extension ResultSet {
    /// The rows that the same scenarios and seeds reproduce exactly, on any machine and
    /// thread count: every row but the measured wall times (`Metric/isMeasured`:
    /// `fit_seconds`, `adapt_ms_p50`, …), which vary from run to run. Determinism checks
    /// compare these.
    public var reproducibleRows: [ResultRow] {
        rows.filter { Metric($0.metric)?.isMeasured != true }
    }
}
