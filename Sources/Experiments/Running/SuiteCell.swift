import Crypto
import Recommenders
import Reporting

/// One unit of work of a suite: one model on one scenario with one seed.
public struct SuiteCell: Sendable {
    /// The scenario.
    public let scenario: ScenarioSpec
    /// The seed.
    public let seed: UInt64
    /// The model.
    public let model: ModelSpec

    /// The cell's identity in results.
    public var id: ResultHeader.CellID {
        ResultHeader.CellID(scenario: scenario.name, model: model.label, seed: seed)
    }

    /// A hash of everything that determines the cell's results: the toolkit build, the
    /// scenario's world (or dataset source, with its files' sizes and modification times —
    /// `DatasetSource/fingerprint()`), every protocol's settings and the metrics, the model and its resolved parameters, and
    /// the seed, and the model's fingerprint when it has one (an external model's command and
    /// files), and the entry's `protocols` and `retrain_every` when it sets them. Equal keys mean equal results, so a cached result can stand in.
    public func cacheKey(build: String) -> String {
        let parameters = model.parameters.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let lines =
            [
                "toolkit \(Toolkit.version) build \(build)",
                "world \(String(reflecting: scenario.world))",
                "dataset \(String(reflecting: scenario.dataset)) files \(scenario.dataset?.fingerprint() ?? "")",
                "cold-start \(String(reflecting: scenario.coldStart))",
                "drift \(String(reflecting: scenario.drift))",
                "onboarding \(String(reflecting: scenario.onboarding))",
                "transfer \(String(reflecting: scenario.transfer))",
                "metrics \(scenario.metrics.map(\.description).joined(separator: ","))",
                "model \(model.descriptor.name) label \(model.label) params \(parameters.joined(separator: ","))",
                "seed \(seed)",
            ] + (model.descriptor.fingerprint.isEmpty ? [] : ["fingerprint \(model.descriptor.fingerprint)"])
            + servingLines
        let description = lines.joined(separator: "\n")
        return SHA256.hexDigest(of: Array(description.utf8))
    }

    /// The entry's own protocol choice and refit schedule, when it sets them (an entry that
    /// sets neither keeps the key it had before they existed).
    private var servingLines: [String] {
        let all = Set(ScenarioProtocol.allCases)
        let protocols = ScenarioProtocol.allCases.filter(model.protocols.contains).map(\.rawValue)
        return (model.protocols == all ? [] : ["protocols \(protocols.joined(separator: ","))"])
            + (model.retrainEvery.map { ["retrain_every \($0)"] } ?? [])
    }
}
