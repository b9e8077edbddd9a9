import Evaluation

/// How far a metric may move in the worse direction before the gate calls it a regression:
/// the larger of an absolute and a relative (to the baseline value) allowance.
public struct Tolerance: Hashable, Sendable {
    /// Allowed worsening in the metric's own units.
    public var absolute: Double
    /// Allowed worsening as a share of the baseline's magnitude.
    public var relative: Double

    /// Creates a tolerance.
    public init(absolute: Double, relative: Double) {
        self.absolute = absolute
        self.relative = relative
    }

    /// The default: 0.005 absolute or 1 % relative, whichever is larger — below the
    /// seed-to-seed spread of the shipped scenarios' ranking metrics, above float noise.
    public static let standard = Tolerance(absolute: 0.005, relative: 0.01)

    /// The allowed worsening for a baseline value.
    public func allowance(for baseline: Double) -> Double {
        max(absolute, relative * abs(baseline))
    }
}

/// Tolerances for every metric of a comparison, and the significance level.
public struct ToleranceSet: Hashable, Sendable {
    /// Tolerance for metrics without their own.
    public var standard: Tolerance
    /// Tolerances by metric name (`ndcg@10`).
    public var perMetric: [String: Tolerance]
    /// A worsening beyond tolerance is a regression only if the paired test's p-value is
    /// below this (when per-user values exist for both runs).
    public var alpha: Double

    /// Creates a tolerance set.
    public init(standard: Tolerance = .standard, perMetric: [String: Tolerance] = [:], alpha: Double = 0.05) {
        self.standard = standard
        self.perMetric = perMetric
        self.alpha = alpha
    }

    /// The tolerance of `metric`.
    public func tolerance(for metric: String) -> Tolerance {
        perMetric[metric] ?? standard
    }

    /// Whether the gate compares `metric`: every metric but the measured wall times
    /// (`Metric/isMeasured`: fit time, latencies), which vary with the machine and its
    /// load and are compared only when the tolerance file names them.
    public func gates(_ metric: String) -> Bool {
        Metric(metric)?.isMeasured != true || perMetric[metric] != nil
    }
}
