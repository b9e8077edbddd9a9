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
    /// report's level (``PooledComparison/detectable(standardError:alpha:power:)``);
    /// absent in files written before it was reported.
    public var minimumDetectableEffect: Double?

    enum CodingKeys: String, CodingKey {
        case scenario, protocolName = "protocol", metric, shots, model, reference, seed, pairs
        case meanDifference = "mean_difference", wilcoxonP = "wilcoxon_p", wilcoxonAdjustedP = "wilcoxon_p_holm"
        case tTestP = "t_test_p", tTestAdjustedP = "t_test_p_holm", cohensD = "cohens_d", rankBiserial = "rank_biserial"
        case minimumDetectableEffect = "minimum_detectable_effect"
    }
}

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
        case scenario, protocolName = "protocol", metric, shots, model, reference, verdict, pooled
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

/// The seeds' pooled comparison of one figure, as reports show it (``PooledComparison``).
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
        case seeds, pairs, effect, ciLow = "ci_low", ciHigh = "ci_high", p, adjustedP = "p_holm"
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

/// One family of Holm's correction: the tests of one scenario and protocol at its headline K.
public struct HolmFamily: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: String
    /// The protocol.
    public var protocolName: String
    /// The support size K the tests are at.
    public var shots: Int?
    /// Pooled tests in the verdicts' family: models other than the reference × metrics.
    public var verdictTests: Int
    /// Per-seed tests in the paired-comparison family: models × metrics × seeds.
    public var seedTests: Int
    /// Pooled tests in the disagreement family: model pairs × logged and oracle metrics.
    public var disagreementTests: Int

    enum CodingKeys: String, CodingKey {
        case scenario, protocolName = "protocol", shots, verdictTests = "verdict_tests", seedTests = "seed_tests"
        case disagreementTests = "disagreement_tests"
    }
}

/// Two models that a logged metric and an oracle metric order oppositely, each
/// significantly (pooled over seeds, Holm-corrected within the scenario and protocol).
public struct Disagreement: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: String
    /// The protocol.
    public var protocolName: String
    /// The support size K.
    public var shots: Int?
    /// The metric scored against the logged interactions.
    public var loggedMetric: String
    /// The metric scored against the world's true utilities.
    public var oracleMetric: String
    /// The model the logged metric calls better.
    public var loggedFavours: String
    /// The model the oracle metric calls better.
    public var oracleFavours: String
    /// The logged metric's pooled difference, `loggedFavours` − `oracleFavours`.
    public var loggedEffect: Double
    /// Its Holm-adjusted p-value.
    public var loggedP: Double
    /// The oracle metric's pooled difference, `oracleFavours` − `loggedFavours`.
    public var oracleEffect: Double
    /// Its Holm-adjusted p-value.
    public var oracleP: Double

    enum CodingKeys: String, CodingKey {
        case scenario, protocolName = "protocol", shots, loggedMetric = "logged_metric", oracleMetric = "oracle_metric"
        case loggedFavours = "logged_favours", oracleFavours = "oracle_favours", loggedEffect = "logged_effect"
        case loggedP = "logged_p_holm", oracleEffect = "oracle_effect", oracleP = "oracle_p_holm"
    }

    /// `logged ndcg@10 favours popularity over oracle (+0.120, p = 0.001); oracle_ndcg@10 favours oracle (+0.300, p = 0.0001)`.
    public var sentence: String {
        "logged \(loggedMetric) favours \(loggedFavours) over \(oracleFavours) (\(String(format: "%+.4f", loggedEffect)), "
            + "p = \(String(format: "%.2g", loggedP))), while \(oracleMetric) favours \(oracleFavours) "
            + "(\(String(format: "%+.4f", oracleEffect)), p = \(String(format: "%.2g", oracleP)))"
    }
}

/// The paired comparisons of a report, their verdicts pooled over seeds, the Holm
/// families they were corrected in, and where logged and true quality disagree.
public struct Significance: Hashable, Sendable, Codable {
    /// The level adjusted p-values are held to.
    public var alpha: Double
    /// Every model against its scenario's reference, figure by figure and seed by seed.
    public var comparisons: [FigureComparison]
    /// One verdict per model and figure, pooled over seeds.
    public var verdicts: [FigureVerdict]
    /// The families of Holm's correction, one per scenario and protocol.
    public var families: [HolmFamily]
    /// Model pairs that logged and oracle metrics order oppositely.
    public var disagreements: [Disagreement]

    /// No comparisons.
    public static let none = Significance(alpha: 0.05, comparisons: [], verdicts: [], families: [], disagreements: [])

    /// Creates the analysis from its parts.
    public init(alpha: Double, comparisons: [FigureComparison], verdicts: [FigureVerdict], families: [HolmFamily], disagreements: [Disagreement]) {
        self.alpha = alpha
        self.comparisons = comparisons
        self.verdicts = verdicts
        self.families = families
        self.disagreements = disagreements
    }

    enum CodingKeys: String, CodingKey {
        case alpha, comparisons, verdicts, families, disagreements
    }

    /// Decodes the analysis; files written before families and disagreements have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        alpha = try container.decode(Double.self, forKey: .alpha)
        comparisons = try container.decode([FigureComparison].self, forKey: .comparisons)
        verdicts = try container.decode([FigureVerdict].self, forKey: .verdicts)
        families = try container.decodeIfPresent([HolmFamily].self, forKey: .families) ?? []
        disagreements = try container.decodeIfPresent([Disagreement].self, forKey: .disagreements) ?? []
    }

    /// The verdict of `model` on a figure, if it was tested.
    public func verdict(scenario: String, protocolName: String, metric: String, model: String) -> FigureVerdict? {
        verdicts.first { $0.scenario == scenario && $0.protocolName == protocolName && $0.metric == metric && $0.model == model }
    }
}
