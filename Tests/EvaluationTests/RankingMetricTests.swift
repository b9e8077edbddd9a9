import Evaluation
import RecData
import Testing

/// Hand-computed values on one small ranking: six candidates ranked
/// 3, 0, 1, 4, 5, 2 (best first), relevant items 3 (grade 1), 1 (grade 2), 5 (grade 1),
/// so the relevant ranks are 1, 3 and 5 and the ideal grades 2, 1, 1.
@Suite("Ranking accuracy metrics")
struct RankingMetricTests {
    private let relevance = RankedRelevance(
        candidates: (0..<6).map(ItemID.init(index:)), scores: [0.8, 0.7, 0.1, 0.9, 0.5, 0.3],
        grades: [ItemID(index: 1): 2, ItemID(index: 3): 1, ItemID(index: 5): 1]
    )
    private let none = RankedRelevance(
        candidates: (0..<4).map(ItemID.init(index:)), scores: [0.4, 0.3, 0.2, 0.1], grades: [:])

    @Test("nDCG with exponential gain")
    func ndcgExponential() {
        // DCG@5 = (2^1−1)/log2 2 + (2^2−1)/log2 4 + (2^1−1)/log2 6 = 1 + 1.5 + 0.386853
        // IDCG@5 = 3/log2 2 + 1/log2 3 + 1/log2 4 = 3 + 0.630930 + 0.5
        #expect(abs(NormalizedDCG.value(relevance, k: 5, gain: .exponential) - 0.6988385132278441) < 1e-12)
        // @1: the first item has grade 1 against an ideal grade 2: 1 / 3.
        #expect(abs(NormalizedDCG.value(relevance, k: 1, gain: .exponential) - 1.0 / 3) < 1e-12)
    }

    @Test("nDCG with linear gain")
    func ndcgLinear() {
        // DCG@5 = 1 + 2/2 + 1/log2 6; IDCG@5 = 2 + 1/log2 3 + 1/2.
        #expect(abs(NormalizedDCG.value(relevance, k: 5, gain: .linear) - 0.762346330035624) < 1e-12)
        #expect(abs(NormalizedDCG.value(relevance, k: 1, gain: .linear) - 0.5) < 1e-12)
    }

    @Test("binary relevance makes both gains the classic binary nDCG")
    func binaryGains() {
        let binary = RankedRelevance(ranking: [0, 1, 2, 3], grades: [1: 1, 3: 1])
        // DCG@4 = 1/log2 3 + 1/log2 5; IDCG@4 = 1 + 1/log2 3.
        let expected = (1 / 1.5849625007211563 + 1 / 2.321928094887362) / (1 + 1 / 1.5849625007211563)
        #expect(abs(NormalizedDCG.value(binary, k: 4, gain: .exponential) - expected) < 1e-12)
        #expect(abs(NormalizedDCG.value(binary, k: 4, gain: .linear) - expected) < 1e-12)
    }

    @Test("hit rate, precision and recall")
    func counts() {
        #expect(HitRate.value(relevance, k: 1) == 1)
        #expect(HitRate.value(RankedRelevance(ranking: [0, 1, 2], grades: [2: 1]), k: 2) == 0)
        #expect(Precision.value(relevance, k: 3) == 2.0 / 3)
        #expect(Precision.value(relevance, k: 5) == 3.0 / 5)
        #expect(Precision.value(relevance, k: 10) == 3.0 / 10)
        #expect(Recall.value(relevance, k: 2) == 1.0 / 3)
        #expect(Recall.value(relevance, k: 5) == 1)
    }

    @Test("reciprocal rank, with and without a cut-off")
    func reciprocalRank() {
        let late = RankedRelevance(ranking: [0, 1, 2, 3], grades: [2: 1])
        #expect(MeanReciprocalRank.value(relevance) == 1)
        #expect(MeanReciprocalRank.value(late) == 1.0 / 3)
        #expect(MeanReciprocalRank.value(late, k: 2) == 0)
        #expect(MeanReciprocalRank.value(late, k: 3) == 1.0 / 3)
    }

    @Test("average precision normalized by min(R, k)")
    func averagePrecision() {
        // AP@5 = (1/1 + 2/3 + 3/5) / 3; AP@3 = (1/1 + 2/3) / 3.
        #expect(abs(AveragePrecision.value(relevance, k: 5) - 0.7555555555555555) < 1e-12)
        #expect(abs(AveragePrecision.value(relevance, k: 3) - (1 + 2.0 / 3) / 3) < 1e-12)
        // Two relevant items, k = 1: the first is relevant, min(R, k) = 1 ⇒ 1.
        #expect(AveragePrecision.value(relevance, k: 1) == 1)
    }

    @Test("AUC counts misordered pairs, ties one half")
    func auc() {
        // Non-relevant 0, 4, 2; misordered pairs: item 1 below item 0, item 5 below 0 and 4 ⇒ 3 of 9.
        #expect(abs(AreaUnderCurve.value(relevance) - 2.0 / 3) < 1e-12)
        let tied = RankedRelevance(
            candidates: (0..<4).map(ItemID.init(index:)), scores: [0.5, 0.5, 0.9, 0.5], grades: [ItemID(index: 1): 1])
        #expect(abs(AreaUnderCurve.value(tied) - 1.0 / 3) < 1e-12)
        let constant = RankedRelevance(
            candidates: (0..<7).map(ItemID.init(index:)), scores: Array(repeating: 1, count: 7),
            grades: [ItemID(index: 0): 1, ItemID(index: 5): 1])
        #expect(AreaUnderCurve.value(constant) == 0.5)
        let allRelevant = RankedRelevance(ranking: [0, 1], grades: [0: 1, 1: 1])
        #expect(AreaUnderCurve.value(allRelevant) == 1)
    }

    @Test(
        "every ranking metric is 0 without relevant items",
        arguments: [
            Metric.ndcg(k: 3), .ndcg(k: 3, gain: .linear), .hitRate(k: 3), .precision(k: 3), .recall(k: 3),
            .reciprocalRank(k: nil), .reciprocalRank(k: 2), .averagePrecision(k: 3), .auc,
        ])
    func emptyRelevance(metric: Metric) {
        #expect(RankingAccuracy.value(of: metric, for: none) == 0)
    }

    @Test("the dispatcher reaches each definition and refuses other families")
    func dispatch() {
        #expect(
            RankingAccuracy.value(of: .averagePrecision(k: 5), for: relevance)
                == AveragePrecision.value(relevance, k: 5))
        #expect(
            RankingAccuracy.value(of: .ndcg(k: 5, gain: .linear), for: relevance)
                == NormalizedDCG.value(relevance, k: 5, gain: .linear))
        #expect(RankingAccuracy.value(of: .mae, for: relevance) == nil)
        #expect(RankingAccuracy.value(of: .coverage(k: 5), for: relevance) == nil)
    }
}
