import RecData

/// One model compared with a reference model on the same users' values of one figure
/// (a metric at a K, segment or window): paired tests, effect sizes and Holm-adjusted
/// p-values.
public struct PairedComparison: Hashable, Sendable {
    /// What is compared, for display and grouping (`ndcg@10`, `ndcg@10 K=5 all`).
    public let figure: String
    /// The model.
    public let model: String
    /// The reference model.
    public let reference: String
    /// Users with a value for both models, the pairs tested.
    public let pairs: Int
    /// Mean of (model − reference) over the pairs.
    public let meanDifference: Double
    /// The Wilcoxon signed-rank test of the differences.
    public let wilcoxon: WilcoxonSignedRank
    /// The paired t-test of the differences.
    public let tTest: PairedTTest
    /// Cohen's d_z of the differences.
    public let cohensD: Double
    /// The matched-pairs rank-biserial correlation.
    public let rankBiserial: Double
    /// The Wilcoxon p-value after Holm's correction over every comparison made together.
    public let wilcoxonAdjustedP: Double
    /// The t-test p-value after Holm's correction over every comparison made together.
    public let tTestAdjustedP: Double

    /// One requested comparison: a figure's per-user values for a model and the reference.
    public struct Request: Sendable {
        /// What is compared.
        public let figure: String
        /// The model.
        public let model: String
        /// The model's per-user values.
        public let modelValues: [UserValue]
        /// The reference model.
        public let reference: String
        /// The reference's per-user values.
        public let referenceValues: [UserValue]

        /// Creates a request.
        public init(
            figure: String, model: String, modelValues: [UserValue], reference: String, referenceValues: [UserValue]
        ) {
            self.figure = figure
            self.model = model
            self.modelValues = modelValues
            self.reference = reference
            self.referenceValues = referenceValues
        }
    }

    /// Runs every requested comparison, pairing values by user (users with a value on
    /// one side only are left out), and adjusts the p-values of each test with Holm's
    /// procedure over all of them: the family is everything compared together.
    public static func compare(_ requests: [Request]) -> [PairedComparison] {
        let tested = requests.map { request -> (Request, [Double], WilcoxonSignedRank, PairedTTest) in
            let reference = Dictionary(
                request.referenceValues.map { ($0.user, $0.value) }, uniquingKeysWith: { first, _ in first })
            let differences = request.modelValues.compactMap { value in reference[value.user].map { value.value - $0 } }
            return (
                request, differences, WilcoxonSignedRank(differences: differences),
                PairedTTest(differences: differences)
            )
        }
        let wilcoxonAdjusted = HolmBonferroni.adjust(tested.map(\.2.pValue))
        let tAdjusted = HolmBonferroni.adjust(tested.map(\.3.pValue))
        return tested.indices.map { index in
            let (request, differences, wilcoxon, tTest) = tested[index]
            return PairedComparison(
                figure: request.figure, model: request.model, reference: request.reference,
                pairs: differences.count, meanDifference: tTest.meanDifference,
                wilcoxon: wilcoxon, tTest: tTest,
                cohensD: EffectSize.cohensD(differences: differences), rankBiserial: EffectSize.rankBiserial(wilcoxon),
                wilcoxonAdjustedP: wilcoxonAdjusted[index], tTestAdjustedP: tAdjusted[index]
            )
        }
    }
}
