/// The summary of one model's per-window curve of one metric under the drift protocol, in
/// one seed: its mean, and around each shift the level before it, the depth of the dip
/// after it and the windows until it recovered.
public struct DriftFigure: Hashable, Sendable, Codable {
    /// The figures around one shift.
    public struct Shift: Hashable, Sendable, Codable {
        /// The first window under the shift.
        public var window: Int
        /// What the world recorded.
        public var label: String
        /// Mean of the clean windows since the previous event; `nil` when there is none,
        /// and then neither dip nor recovery is measured.
        public var preShiftLevel: Double?
        /// How far the metric moved the wrong way from that level before the next event;
        /// `nil` when not measured.
        public var dipDepth: Double?
        /// Windows until back to 90 % of the pre-shift level; `nil` when it never was (or,
        /// without a pre-shift level, when not measured).
        public var recoveryWindows: Int?

        /// Creates the figures of a shift.
        public init(window: Int, label: String, preShiftLevel: Double?, dipDepth: Double?, recoveryWindows: Int?) {
            self.window = window
            self.label = label
            self.preShiftLevel = preShiftLevel
            self.dipDepth = dipDepth
            self.recoveryWindows = recoveryWindows
        }

        enum CodingKeys: String, CodingKey {
            case window, label
            case preShiftLevel = "pre_shift_level"
            case dipDepth = "dip_depth"
            case recoveryWindows = "recovery_windows"
        }
    }

    /// The scenario.
    public var scenario: String
    /// The model.
    public var model: String
    /// The seed.
    public var seed: UInt64
    /// The metric.
    public var metric: String
    /// Mean of the curve over all windows.
    public var meanOverWindows: Double
    /// The oracle's curve of the same metric, window by window.
    public var oracleCurve: [Double]
    /// The cumulative regret against the oracle's curve at the last window.
    public var cumulativeRegret: Double?
    /// The least-squares slope per window of the gap to the oracle's curve; absent without
    /// an oracle curve (and in files written before it was reported).
    public var gapSlope: Double?
    /// The world's continuous processes, summarized by ``gapSlope`` rather than by dips.
    public var continuousProcesses: [String]?
    /// The figures around each shift.
    public var shifts: [Shift]

    /// Creates a figure.
    public init(
        scenario: String, model: String, seed: UInt64, metric: String, meanOverWindows: Double, oracleCurve: [Double],
        cumulativeRegret: Double?, shifts: [Shift], gapSlope: Double? = nil, continuousProcesses: [String]? = nil
    ) {
        self.scenario = scenario
        self.model = model
        self.seed = seed
        self.metric = metric
        self.meanOverWindows = meanOverWindows
        self.oracleCurve = oracleCurve
        self.cumulativeRegret = cumulativeRegret
        self.shifts = shifts
        self.gapSlope = gapSlope
        self.continuousProcesses = continuousProcesses
    }

    enum CodingKeys: String, CodingKey {
        case scenario, model, seed, metric
        case meanOverWindows = "mean_over_windows"
        case oracleCurve = "oracle_curve"
        case cumulativeRegret = "cumulative_regret"
        case shifts
        case gapSlope = "gap_slope"
        case continuousProcesses = "continuous_processes"
    }
}
