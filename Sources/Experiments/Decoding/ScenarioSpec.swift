import Evaluation
import RecData
import Recommenders
import Reporting
import Simulation

/// A decoded, validated scenario file: what world to simulate (or which real dataset to
/// read), which protocol to run, which models and metrics, with which seeds, and where to
/// write what. Exactly one of ``world`` and ``dataset`` is set.
public struct ScenarioSpec: Sendable {
    /// The most seeds a scenario may run: each generates a world and runs every model on it,
    /// so more would run for days and hold every cell's plan in memory.
    public static let maximumSeeds = 1_000

    /// The scenario's name (reports group by it).
    public var name: String
    /// The file it was read from.
    public var path: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// The simulated world's family and configuration; `nil` when the scenario names a dataset.
    public var world: WorldConfig?
    /// The real dataset the scenario runs on (`dataset:`); `nil` for a simulated world.
    public var dataset: DatasetSource?
    /// For a dataset: what was read and dropped, and which oracle-relative metrics are
    /// omitted for want of an oracle (reports print it).
    public var dataNote: String?
    /// The seeds to run; each gives a different world, split and model initialization.
    public var seeds: [UInt64]
    /// The cold-start protocol's settings, when the scenario runs it.
    public var coldStart: ColdStartConfig?
    /// Where the cold-start sweep is set (or would be), for the error raised when its
    /// largest K leaves no test user a query set.
    public var shotsLocation: FieldLocation
    /// The drift protocol's settings, when the scenario runs it.
    public var drift: DriftConfig?
    /// The onboarding protocol's settings, when the scenario runs it (simulated worlds only).
    public var onboarding: OnboardingConfig?
    /// The transfer protocol's settings, when the scenario runs it (simulated worlds only).
    public var transfer: TransferConfig?
    /// The models to run, in order.
    public var models: [ModelSpec]
    /// The model every other is tested against (`reference`); `nil` means the strongest
    /// baseline on the scenario's first metric.
    public var reference: String?
    /// The metrics to report.
    public var metrics: [Metric]
    /// Which report formats to write.
    public var formats: Set<ReportFormat>
}

/// One model entry of a scenario: a registered model with resolved hyper-parameters.
public struct ModelSpec: Sendable {
    /// The name shown in reports (`label`, defaulting to the registered name).
    public var label: String
    /// The registered model.
    public var descriptor: ModelDescriptor
    /// Every hyper-parameter, defaults filled in.
    public var parameters: ModelParameters
    /// The protocols the entry runs in (`protocols`), of those the scenario runs; every
    /// protocol unless the entry names some.
    public var protocols: Set<ScenarioProtocol>
    /// The entry's own refit schedule in the drift protocol (`retrain_every`), in place of
    /// the protocol's; `nil` keeps the protocol's.
    public var retrainEvery: Int?

    /// Creates an entry; `parameters` should be resolved (`ModelDescriptor/resolve(_:)`).
    public init(
        label: String, descriptor: ModelDescriptor, parameters: ModelParameters,
        protocols: Set<ScenarioProtocol> = Set(ScenarioProtocol.allCases), retrainEvery: Int? = nil
    ) {
        self.label = label
        self.descriptor = descriptor
        self.parameters = parameters
        self.protocols = protocols
        self.retrainEvery = retrainEvery
    }

    /// Whether the entry runs in `protocolKind` (when the scenario runs it).
    public func runs(_ protocolKind: ScenarioProtocol) -> Bool {
        protocols.contains(protocolKind)
    }
}

/// A suite: a named list of scenario files run together into one report.
public struct SuiteSpec: Sendable {
    /// The suite's name.
    public var name: String
    /// The file it was read from.
    public var path: String
    /// The scenarios, in the order listed.
    public var scenarios: [ScenarioSpec]
}
