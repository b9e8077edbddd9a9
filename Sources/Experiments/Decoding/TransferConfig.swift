import Evaluation
import Simulation

/// The transfer protocol's settings (`protocols.transfer`): the cold-start settings both
/// populations are evaluated with, and the shifted population's world.
public struct TransferConfig: Sendable {
    /// The settings of the cold-start evaluation of both populations (K sweep, split,
    /// support order, relevance, resamples).
    public var coldStart = ColdStartConfig()
    /// The shifted population's world: the scenario's world with the `population` keys
    /// changed and a fresh draw of users (`CommonWorldConfig/populationDraw`).
    public var shiftedWorld: WorldConfig
    /// The `population` keys as given, with their values (`feature_share: 0.1`), for reports;
    /// "none changed" when the shifted population is a fresh draw of the same one.
    public var note = "none changed"

    /// The settings for `world` before any key is read: the same population, fresh users.
    init(world: WorldConfig) {
        var shifted = world
        shifted.common.populationDraw = Self.populationDraw
        shiftedWorld = shifted
    }

    /// The draw of users the shifted population holds.
    static let populationDraw: UInt64 = 1
}
