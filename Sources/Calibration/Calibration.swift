import Simulation

/// What a calibration produced: the fitted world, how each parameter was obtained, and
/// the dataset's statistics beside the fitted world's.
public struct Calibration: Sendable {
    /// The dataset's name.
    public let dataset: String
    /// The fitted family.
    public let family: WorldFamily
    /// The seed of the simulated worlds and of the written scenario.
    public let seed: UInt64
    /// The fitted world.
    public let config: WorldConfig
    /// The world keys calibration set, in the order it set them.
    public let parameters: [FittedParameter]
    /// The dataset's statistics.
    public let real: DatasetStatistics
    /// The statistics of the fitted world (seed ``seed``).
    public let simulated: DatasetStatistics
    /// The dataset's feature cardinalities.
    public let cardinalities: FeatureCardinalities
    /// Worlds simulated while fitting, the final one included.
    public let simulations: Int
    /// What could not be fitted, and why.
    public let notes: [String]

    /// The side-by-side comparison of real and simulated statistics.
    public var comparison: CalibrationComparison { CalibrationComparison(real: real, simulated: simulated) }
}
