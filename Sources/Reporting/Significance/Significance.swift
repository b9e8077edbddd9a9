import Evaluation

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
    public init(
        alpha: Double, comparisons: [FigureComparison], verdicts: [FigureVerdict], families: [HolmFamily],
        disagreements: [Disagreement]
    ) {
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
        verdicts.first {
            $0.scenario == scenario && $0.protocolName == protocolName && $0.metric == metric && $0.model == model
        }
    }
}
