import Evaluation

/// A model tested against the scenario's reference model on one figure in one seed:
/// the paired per-user differences, their tests (Holm-adjusted over the whole report)
/// and effect sizes.
public struct FigureComparison: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: String
    /// The protocol.
    public var protocolName: String
    /// The metric.
    public var metric: String
    /// The support size K, or `nil`.
    public var shots: Int?
    /// The model tested.
    public var model: String
    /// The reference model.
    public var reference: String
    /// The seed.
    public var seed: UInt64
    /// Users with a value for both models.
    public var pairs: Int
    /// Mean of model − reference.
    public var meanDifference: Double
    /// Wilcoxon signed-rank p-value.
    public var wilcoxonP: Double
    /// Wilcoxon p-value after Holm's correction over every comparison of the report.
    public var wilcoxonAdjustedP: Double
    /// Paired t-test p-value.
    public var tTestP: Double
    /// Paired t-test p-value after Holm's correction.
    public var tTestAdjustedP: Double
    /// Cohen's d for paired data (d_z).
    public var cohensD: Double
    /// Matched-pairs rank-biserial correlation.
    public var rankBiserial: Double

    enum CodingKeys: String, CodingKey {
        case scenario, protocolName = "protocol", metric, shots, model, reference, seed, pairs
        case meanDifference = "mean_difference", wilcoxonP = "wilcoxon_p", wilcoxonAdjustedP = "wilcoxon_p_holm"
        case tTestP = "t_test_p", tTestAdjustedP = "t_test_p_holm", cohensD = "cohens_d", rankBiserial = "rank_biserial"
    }
}

/// Whether a model's difference from the reference on one figure holds across seeds.
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
    /// `win` or `loss` when it holds significantly in every seed, else `inconclusive`.
    public var verdict: SeedVerdict

    enum CodingKeys: String, CodingKey {
        case scenario, protocolName = "protocol", metric, shots, model, reference, verdict
    }

    /// A readable sentence: `better than popularity in every seed`.
    public var sentence: String {
        switch verdict {
        case .win: return "better than \(reference) in every seed"
        case .loss: return "worse than \(reference) in every seed"
        case .inconclusive: return "no significant difference from \(reference) that holds in every seed"
        }
    }
}

/// The paired comparisons of a report and their verdicts across seeds.
public struct Significance: Hashable, Sendable, Codable {
    /// The level adjusted p-values are held to.
    public var alpha: Double
    /// Every model against its scenario's reference, figure by figure and seed by seed.
    public var comparisons: [FigureComparison]
    /// One verdict per model and figure, across seeds.
    public var verdicts: [FigureVerdict]

    /// No comparisons.
    public static let none = Significance(alpha: 0.05, comparisons: [], verdicts: [])

    /// The verdict of `model` on a figure, if it was tested.
    public func verdict(scenario: String, protocolName: String, metric: String, model: String) -> FigureVerdict? {
        verdicts.first { $0.scenario == scenario && $0.protocolName == protocolName && $0.metric == metric && $0.model == model }
    }
}
