import Evaluation

/// What the gate concluded about one metric.
public enum Verdict: String, Hashable, Sendable, Codable {
    /// Better beyond tolerance.
    case improved
    /// Within tolerance.
    case unchanged
    /// Worse beyond tolerance, but not significantly so on the paired per-user values.
    case noise
    /// Worse beyond tolerance (and significant, where per-user values allow a test).
    case regressed
    /// In the baseline but not in the candidate.
    case missing
    /// In the candidate but not in the baseline.
    case added

    /// Whether this verdict fails the gate.
    public var fails: Bool { self == .regressed || self == .missing }
}

/// The identity of a compared figure: everything but the seed, which is aggregated over.
public struct ComparisonKey: Hashable, Sendable, Comparable {
    /// The scenario.
    public var scenario: String
    /// The protocol.
    public var protocolName: String
    /// The model.
    public var model: String
    /// The segment.
    public var segment: String
    /// The support size K, or `nil`.
    public var shots: Int?
    /// The window, or `nil`.
    public var window: Int?
    /// The metric's name.
    public var metric: String

    /// The key of a result row.
    public init(_ row: ResultRow) {
        self.init(
            scenario: row.scenario, protocolName: row.protocolName, model: row.model, segment: row.segment,
            shots: row.shots, window: row.window, metric: row.metric)
    }

    /// The key of a per-user record.
    public init(_ record: PerUserRecord) {
        self.init(
            scenario: record.scenario, protocolName: record.protocolName, model: record.model, segment: record.segment,
            shots: record.shots, window: record.window, metric: record.metric)
    }

    /// Creates a key.
    public init(
        scenario: String, protocolName: String, model: String, segment: String, shots: Int?, window: Int?,
        metric: String
    ) {
        self.scenario = scenario
        self.protocolName = protocolName
        self.model = model
        self.segment = segment
        self.shots = shots
        self.window = window
        self.metric = metric
    }

    /// `scenario/protocol/model`, the JUnit class name.
    public var group: String { "\(scenario)/\(protocolName)/\(model)" }

    /// `ndcg@10 K=5 [segment]`, the JUnit test name.
    public var label: String {
        var text = metric
        if let shots { text += " K=\(shots)" }
        if let window { text += " window=\(window)" }
        if segment != UserSegments.all { text += " [\(segment)]" }
        return text
    }

    public static func < (a: ComparisonKey, b: ComparisonKey) -> Bool {
        let left = (a.scenario, a.protocolName, a.model, a.segment)
        let right = (b.scenario, b.protocolName, b.model, b.segment)
        if left != right { return left < right }
        return (a.shots ?? -1, a.window ?? -1, a.metric) < (b.shots ?? -1, b.window ?? -1, b.metric)
    }
}

/// One compared figure: seed-averaged baseline and candidate values and the verdict.
public struct MetricComparison: Hashable, Sendable {
    /// What is compared.
    public let key: ComparisonKey
    /// The baseline's mean over seeds, when present.
    public let baseline: Double?
    /// The candidate's mean over seeds, when present.
    public let candidate: Double?
    /// The allowed worsening.
    public let allowance: Double
    /// The paired test's two-sided p-value, when per-user values exist for both runs.
    public let pValue: Double?
    /// The number of user pairs behind `pValue`.
    public let pairs: Int
    /// The conclusion.
    public let verdict: Verdict

    /// Candidate minus baseline, when both exist.
    public var delta: Double? {
        guard let baseline, let candidate else { return nil }
        return candidate - baseline
    }
}
