import RecData

@testable import Simulation

/// What the simulation tests share beside the worlds of `TestWorlds`.
enum Fixtures {
    /// The Normal quantile used for statistical tolerances: |z| > 4 happens with
    /// probability 6e-5 under the configured distribution.
    static let z = 4.0
}

extension World {
    /// Everything a world's identity consists of, for comparisons.
    var fingerprint: [String] {
        [
            "\(dataset.interactions)", "\(log.datasetDetails.map(\.rawValue))", "\(log.otherChoices)",
            "\(log.otherDetails.map(\.rawValue))", "\(oracle.userVectors)", "\(oracle.itemVectors)",
            "\(shiftEvents)", "\(dataset.items.schema)", "\(dataset.items.columns.map(\.column))",
            "\(dataset.users.columns.map(\.column))", "\(generation.slatesShown)",
        ]
    }
}
