import Reporting

/// What a running suite reports as it goes.
public enum ProgressEvent: Sendable, Hashable {
    /// The run starts: `total` cells to produce, `cached` of them already in the cache.
    case planned(total: Int, cached: Int)
    /// A cell started computing.
    case started(ResultHeader.CellID)
    /// A cell finished computing in `seconds`, with an error when it failed.
    case finished(ResultHeader.CellID, seconds: Double, error: String?)
}
