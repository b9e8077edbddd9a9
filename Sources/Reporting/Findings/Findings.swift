import Evaluation

/// What a run answers first: per world and protocol, does the best meta-learner beat the
/// best baseline for new users, by how much, from how many interactions, through drift and
/// at what cost — and where logged and true quality disagree.
///
/// Computed from the results (``init(results:perUser:)``), never written by hand; reports
/// open with it (``MarkdownReport``, ``XlsxReport``).
public struct Findings: Hashable, Sendable, Codable {
    /// The level the adjusted p-values are held to.
    public var alpha: Double
    /// One entry per simulated or real world (scenario) with a meta-learner and a baseline.
    public var worlds: [WorldFindings]

    /// No findings.
    public static let none = Findings(alpha: 0.05, worlds: [])

    /// Creates findings from their parts.
    public init(alpha: Double, worlds: [WorldFindings]) {
        self.alpha = alpha
        self.worlds = worlds
    }
}

/// The findings of one scenario.
public struct WorldFindings: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: String
    /// One finding per protocol run (cold start, onboarding, drift).
    public var protocols: [ProtocolFinding]
    /// Model pairs that a logged and an oracle metric order oppositely, each significantly.
    public var disagreements: [Disagreement]
    /// Every model's cell seconds, in the scenario's order.
    public var cellSeconds: [CellSeconds]
    /// What each variant's changed settings did against the entry it varies, per serving protocol.
    public var variants: [VariantFinding]

    /// Creates a world's findings.
    public init(
        scenario: String, protocols: [ProtocolFinding], disagreements: [Disagreement], cellSeconds: [CellSeconds] = [],
        variants: [VariantFinding] = []
    ) {
        self.scenario = scenario
        self.protocols = protocols
        self.disagreements = disagreements
        self.cellSeconds = cellSeconds
        self.variants = variants
    }

    enum CodingKeys: String, CodingKey {
        case scenario, protocols, disagreements
        case cellSeconds = "cell_seconds"
        case variants
    }

    /// Decodes a world's findings; files written before variants have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scenario = try container.decode(String.self, forKey: .scenario)
        protocols = try container.decode([ProtocolFinding].self, forKey: .protocols)
        disagreements = try container.decode([Disagreement].self, forKey: .disagreements)
        cellSeconds = try container.decodeIfPresent([CellSeconds].self, forKey: .cellSeconds) ?? []
        variants = try container.decodeIfPresent([VariantFinding].self, forKey: .variants) ?? []
    }
}

/// A model's wall seconds per cell (fit, adaptation and evaluation of every protocol), mean over seeds.
public struct CellSeconds: Hashable, Sendable, Codable {
    /// The model's label.
    public var model: String
    /// Mean seconds over its seeds' cells.
    public var seconds: Double

    /// Creates the figure.
    public init(model: String, seconds: Double) {
        self.model = model
        self.seconds = seconds
    }
}

/// The best meta-learner against the best baseline under one protocol of one scenario.
public struct ProtocolFinding: Hashable, Sendable, Codable {
    /// What the protocol's curve runs along.
    public enum Axis: String, Hashable, Sendable, Codable {
        /// The support size K (cold start).
        case shots
        /// The round of serving (onboarding).
        case round
        /// The evaluation window (drift).
        case window
    }

    /// The protocol (`cold-start`, `onboarding`, `drift`).
    public var protocolName: String
    /// The metric the finding is stated on: the oracle metric where the world has one, else
    /// the scenario's first.
    public var metric: String
    /// What the curve runs along.
    public var axis: Axis
    /// The onboarding curve's support size K; `nil` for other protocols.
    public var onboardingShots: Int?
    /// The best meta-learner (its label).
    public var metaLearner: String
    /// The best baseline (its label).
    public var baseline: String
    /// How they were chosen, as a report states it.
    public var selection: String
    /// The meta-learner's level: at the headline K, or the mean over rounds or windows.
    public var metaLevel: Double
    /// The baseline's level, likewise.
    public var baselineLevel: Double
    /// The oracle's level, likewise, when the world has one.
    public var ceiling: Double?
    /// The pooled test (its Holm-adjusted p-value decides) and the random-effects mean
    /// difference meta-learner − baseline with its seed spread (the 95 % interval across seeds).
    public var effect: PooledFigure
    /// The test's own shift with the interval that inverts it at the Holm-adjusted level, so
    /// that it excludes 0 exactly when the test is significant; `nil` in files written before it.
    public var shift: StratifiedShift?
    /// `win` when the meta-learner is significantly better, `loss` when worse.
    public var verdict: SeedVerdict
    /// The points of the curve (K values, rounds or windows), ascending.
    public var points: [Int]
    /// The first point from which the meta-learner's mean is ahead at every later point;
    /// `nil` when it is not ahead at the last.
    public var leadsFrom: Int?
    /// How both models behave around the protocol's drift events (drift protocol only).
    public var drift: DriftBehaviour?
    /// What both models cost.
    public var cost: CostFinding

    /// Creates a finding.
    public init(
        protocolName: String, metric: String, axis: Axis, onboardingShots: Int?, metaLearner: String, baseline: String,
        selection: String, metaLevel: Double, baselineLevel: Double, ceiling: Double?, effect: PooledFigure,
        shift: StratifiedShift? = nil, verdict: SeedVerdict, points: [Int], leadsFrom: Int?, drift: DriftBehaviour?,
        cost: CostFinding
    ) {
        self.protocolName = protocolName
        self.metric = metric
        self.axis = axis
        self.onboardingShots = onboardingShots
        self.metaLearner = metaLearner
        self.baseline = baseline
        self.selection = selection
        self.metaLevel = metaLevel
        self.baselineLevel = baselineLevel
        self.ceiling = ceiling
        self.effect = effect
        self.shift = shift
        self.verdict = verdict
        self.points = points
        self.leadsFrom = leadsFrom
        self.drift = drift
        self.cost = cost
    }

    enum CodingKeys: String, CodingKey {
        case protocolName = "protocol"
        case metric, axis
        case onboardingShots = "onboarding_shots"
        case metaLearner = "meta_learner"
        case baseline, selection
        case metaLevel = "meta_level"
        case baselineLevel = "baseline_level"
        case ceiling, effect, shift, verdict
        case points
        case leadsFrom = "leads_from"
        case drift, cost
    }
}

/// Two models' behaviour around the first measured drift event and along the continuous drift.
public struct DriftBehaviour: Hashable, Sendable, Codable {
    /// The event, as the world recorded it; `nil` when no event had a clean window before it.
    public var event: String?
    /// The event's first window.
    public var eventWindow: Int?
    /// The meta-learner's dip depth, mean over seeds.
    public var metaDip: Double?
    /// The baseline's dip depth.
    public var baselineDip: Double?
    /// The meta-learner's recovery, in words (`2 windows`, `not recovered`).
    public var metaRecovery: String
    /// The baseline's recovery, in words.
    public var baselineRecovery: String
    /// The meta-learner's slope per window of the gap to the oracle.
    public var metaGapSlope: Double?
    /// The baseline's slope per window of the gap to the oracle.
    public var baselineGapSlope: Double?

    /// Creates the figures.
    public init(
        event: String?, eventWindow: Int?, metaDip: Double?, baselineDip: Double?, metaRecovery: String,
        baselineRecovery: String, metaGapSlope: Double?, baselineGapSlope: Double?
    ) {
        self.event = event
        self.eventWindow = eventWindow
        self.metaDip = metaDip
        self.baselineDip = baselineDip
        self.metaRecovery = metaRecovery
        self.baselineRecovery = baselineRecovery
        self.metaGapSlope = metaGapSlope
        self.baselineGapSlope = baselineGapSlope
    }

    enum CodingKeys: String, CodingKey {
        case event
        case eventWindow = "event_window"
        case metaDip = "meta_dip"
        case baselineDip = "baseline_dip"
        case metaRecovery = "meta_recovery"
        case baselineRecovery = "baseline_recovery"
        case metaGapSlope = "meta_gap_slope"
        case baselineGapSlope = "baseline_gap_slope"
    }
}

/// What two models cost in one scenario: each cell's wall seconds (fit, adaptation and
/// evaluation of every protocol), mean over seeds, the scalars adapted per user, and where
/// the results measure them, the fit's seconds and one user's adaptation time.
public struct CostFinding: Hashable, Sendable, Codable {
    /// The meta-learner's cell seconds, mean over seeds; `nil` when no cell has a timing.
    public var metaSeconds: Double?
    /// The baseline's cell seconds, mean over seeds.
    public var baselineSeconds: Double?
    /// Scalars the meta-learner adapts per user (`adapted_parameters`), when measured.
    public var metaAdaptedParameters: Double?
    /// The meta-learner's and the baseline's measured latency figures (`fit_seconds`,
    /// `adapt_ms_p50`, `adapt_ms_p95` at the headline K), when the results hold them.
    public var latency: [LatencyFigure]

    /// Creates the figures.
    public init(
        metaSeconds: Double?, baselineSeconds: Double?, metaAdaptedParameters: Double?, latency: [LatencyFigure] = []
    ) {
        self.metaSeconds = metaSeconds
        self.baselineSeconds = baselineSeconds
        self.metaAdaptedParameters = metaAdaptedParameters
        self.latency = latency
    }

    enum CodingKeys: String, CodingKey {
        case metaSeconds = "meta_seconds"
        case baselineSeconds = "baseline_seconds"
        case metaAdaptedParameters = "meta_adapted_parameters"
        case latency
    }

    /// Decodes the figures; files written before latency figures have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metaSeconds = try container.decodeIfPresent(Double.self, forKey: .metaSeconds)
        baselineSeconds = try container.decodeIfPresent(Double.self, forKey: .baselineSeconds)
        metaAdaptedParameters = try container.decodeIfPresent(Double.self, forKey: .metaAdaptedParameters)
        latency = try container.decodeIfPresent([LatencyFigure].self, forKey: .latency) ?? []
    }

    /// The metrics read as latency figures, in the order sentences give them.
    public static let latencyMetrics = ["fit_seconds", "adapt_ms_p50", "adapt_ms_p95"]
}

/// One measured cost metric of the meta-learner beside the baseline's, mean over seeds.
public struct LatencyFigure: Hashable, Sendable, Codable {
    /// The metric (`adapt_ms_p50`).
    public var metric: String
    /// The meta-learner's value.
    public var meta: Double
    /// The baseline's value.
    public var baseline: Double

    /// Creates the figure.
    public init(metric: String, meta: Double, baseline: Double) {
        self.metric = metric
        self.meta = meta
        self.baseline = baseline
    }
}
