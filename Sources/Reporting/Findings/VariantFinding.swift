import Evaluation

/// What changing a model's serving settings did: a variant (``ModelVariant``) against the
/// entry it varies, under one serving protocol (onboarding, drift) — the online meta-update,
/// exploration or a refit schedule measured on the same users and answers.
public struct VariantFinding: Hashable, Sendable, Codable {
    /// The protocol (`onboarding`, `drift`).
    public var protocolName: String
    /// What the protocol's curve runs along (rounds or windows).
    public var axis: ProtocolFinding.Axis
    /// The variant's label.
    public var model: String
    /// The label of the entry it varies.
    public var base: String
    /// What differs (`meta_update: online`).
    public var change: String
    /// The metric the finding is stated on.
    public var metric: String
    /// The points of the curve (rounds or windows).
    public var points: [Int]
    /// The variant's mean over the curve, mean over seeds.
    public var level: Double
    /// The base entry's, likewise.
    public var baseLevel: Double
    /// The pooled test (its p-value Holm-adjusted over every variant comparison of the
    /// scenario) and the random-effects mean difference variant − base with its seed spread.
    public var effect: PooledFigure
    /// The test's own shift with the interval that inverts it at the Holm-adjusted level;
    /// `nil` in files written before it.
    public var shift: StratifiedShift?
    /// `win` when the variant is significantly better, `loss` when worse.
    public var verdict: SeedVerdict

    /// Creates a finding.
    public init(
        protocolName: String, axis: ProtocolFinding.Axis, model: String, base: String, change: String, metric: String,
        points: [Int], level: Double, baseLevel: Double, effect: PooledFigure, shift: StratifiedShift? = nil,
        verdict: SeedVerdict
    ) {
        self.protocolName = protocolName
        self.axis = axis
        self.model = model
        self.base = base
        self.change = change
        self.metric = metric
        self.points = points
        self.level = level
        self.baseLevel = baseLevel
        self.effect = effect
        self.shift = shift
        self.verdict = verdict
    }

    enum CodingKeys: String, CodingKey {
        case protocolName = "protocol"
        case axis, model, base, change, metric, points, level
        case baseLevel = "base_level"
        case effect, shift, verdict
    }
}
