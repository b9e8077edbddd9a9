import Evaluation

/// A model tested against the scenario's reference model on one figure in one seed:
/// the paired per-user differences, their tests (Holm-adjusted within the scenario and
/// protocol) and effect sizes.
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
    /// Wilcoxon p-value after Holm's correction within the scenario and protocol.
    public var wilcoxonAdjustedP: Double
    /// Paired t-test p-value.
    public var tTestP: Double
    /// Paired t-test p-value after Holm's correction.
    public var tTestAdjustedP: Double
    /// Cohen's d for paired data (d_z).
    public var cohensD: Double
    /// Matched-pairs rank-biserial correlation.
    public var rankBiserial: Double
    /// The smallest mean difference this seed's pairs detect with 80 % power at the
    /// report's level (`PooledComparison/detectable(standardError:alpha:power:)`);
    /// absent in files written before it was reported.
    public var minimumDetectableEffect: Double?

    enum CodingKeys: String, CodingKey {
        case scenario
        case protocolName = "protocol"
        case metric, shots, model, reference, seed, pairs
        case meanDifference = "mean_difference"
        case wilcoxonP = "wilcoxon_p"
        case wilcoxonAdjustedP = "wilcoxon_p_holm"
        case tTestP = "t_test_p"
        case tTestAdjustedP = "t_test_p_holm"
        case cohensD = "cohens_d"
        case rankBiserial = "rank_biserial"
        case minimumDetectableEffect = "minimum_detectable_effect"
    }
}
