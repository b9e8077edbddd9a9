import Evaluation

/// Whether a model's difference from the reference on one figure holds, pooled over seeds.
public struct FigureVerdict: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: String
    /// The protocol.
    public var protocolName: String
    /// The metric.
    public var metric: String
    /// The support size K, or `nil`.
    public var shots: Int?
    /// The model.
    public var model: String
    /// The reference model.
    public var reference: String
    /// `win` or `loss` when the seeds' pooled test is significant after Holm's correction,
    /// else `inconclusive`.
    public var verdict: SeedVerdict
    /// The seeds' pooled test and effect; absent in files written before pooling.
    public var pooled: PooledFigure?

    enum CodingKeys: String, CodingKey {
        case scenario
        case protocolName = "protocol"
        case metric, shots, model, reference, verdict, pooled
    }

    /// A readable sentence: `better than popularity (pooled over 3 seeds, 1,200 pairs)`.
    public var sentence: String {
        let over = pooled.map { " (pooled over \($0.seeds) seed\($0.seeds == 1 ? "" : "s"), \($0.pairs) pairs)" } ?? ""
        switch verdict {
        case .win: return "better than \(reference)\(over)"
        case .loss: return "worse than \(reference)\(over)"
        case .inconclusive: return "no significant difference from \(reference)\(over)"
        }
    }
}

/// The seeds' pooled comparison of one figure, as reports show it (`PooledComparison`).
public struct PooledFigure: Hashable, Sendable, Codable {
    /// Seeds pooled.
    public var seeds: Int
    /// Pairs over all seeds.
    public var pairs: Int
    /// Pooled mean difference (model − reference), random effects over seeds.
    public var effect: Double
    /// Lower end of its 95 % interval.
    public var ciLow: Double
    /// Upper end of its 95 % interval.
    public var ciHigh: Double
    /// The stratified signed-rank test's p-value.
    public var p: Double
    /// The p-value after Holm's correction within the scenario and protocol.
    public var adjustedP: Double
    /// The smallest difference detected with 80 % power.
    public var minimumDetectableEffect: Double

    enum CodingKeys: String, CodingKey {
        case seeds, pairs, effect
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case p
        case adjustedP = "p_holm"
        case minimumDetectableEffect = "minimum_detectable_effect"
    }

    /// The figure of `comparison` with its adjusted p-value.
    public init(_ comparison: PooledComparison, adjustedP: Double) {
        seeds = comparison.seeds
        pairs = comparison.pairs
        effect = comparison.effect
        ciLow = comparison.ciLow
        ciHigh = comparison.ciHigh
        p = comparison.pValue
        self.adjustedP = adjustedP
        minimumDetectableEffect = comparison.minimumDetectableEffect
    }
}
