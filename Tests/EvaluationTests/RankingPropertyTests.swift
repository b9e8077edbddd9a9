import Evaluation
import Foundation
import RecData
import Testing

/// Properties of the ranking metrics: a perfect ranking scores 1, a reversed one its
/// analytic value, a random one its analytic expectation.
@Suite("Ranking metric properties")
struct RankingPropertyTests {
    private static let perUserMetrics: [Metric] = [
        .ndcg(k: 10), .ndcg(k: 10, gain: .linear), .hitRate(k: 10), .reciprocalRank(k: nil), .averagePrecision(k: 10),
        .auc,
    ]

    @Test("a perfect ranking scores 1", arguments: perUserMetrics)
    func perfect(metric: Metric) {
        // 20 items; the relevant ones (graded 3, 2, 1) come first, in grade order.
        let relevance = RankedRelevance(ranking: Array(0..<20), grades: [0: 3, 1: 2, 2: 1])
        #expect(RankingAccuracy.value(of: metric, for: relevance) == 1)
        #expect(Recall.value(relevance, k: 3) == 1)
        #expect(Precision.value(relevance, k: 3) == 1)
    }

    @Test("a reversed ranking has the analytic value")
    func reversed() {
        // N = 10, relevant items at ranks 8, 9, 10.
        let relevance = RankedRelevance(ranking: Array(0..<10), grades: [7: 1, 8: 1, 9: 1])
        #expect(AreaUnderCurve.value(relevance) == 0)
        #expect(MeanReciprocalRank.value(relevance) == 1.0 / 8)
        #expect(HitRate.value(relevance, k: 7) == 0)
        // (1/log2 9 + 1/log2 10 + 1/log2 11) / (1 + 1/log2 3 + 1/log2 4)
        #expect(abs(NormalizedDCG.value(relevance, k: 10, gain: .exponential) - 0.42495990177520937) < 1e-12)
        #expect(abs(AveragePrecision.value(relevance, k: 10) - (1.0 / 8 + 2.0 / 9 + 3.0 / 10) / 3) < 1e-12)
    }

    @Test("a random ranking meets the analytic expectations")
    func random() {
        // N = 20 candidates, R = 4 relevant, k = 5, 4000 seeded shuffles.
        let trials = 4000
        var generator = RandomSource(seed: 7)
        var totals = [String: Double]()
        for _ in 0..<trials {
            var ranking = Array(0..<20)
            generator.shuffle(&ranking)
            let relevance = RankedRelevance(ranking: ranking, grades: [0: 1, 1: 1, 2: 1, 3: 1])
            totals["hr", default: 0] += HitRate.value(relevance, k: 5)
            totals["precision", default: 0] += Precision.value(relevance, k: 5)
            totals["recall", default: 0] += Recall.value(relevance, k: 5)
            totals["mrr", default: 0] += MeanReciprocalRank.value(relevance)
            totals["auc", default: 0] += AreaUnderCurve.value(relevance)
        }
        let mean = totals.mapValues { $0 / Double(trials) }
        // E[HR@5] = 1 − C(16,5)/C(20,5); SE ≈ 0.007, tolerance 4 SE.
        #expect(abs(mean["hr", default: 0] - 0.7182662538699691) < 0.03)
        // E[P@5] = R/N = 0.2 and E[recall@5] = k/N = 0.25 (SE ≈ 0.003 and 0.004).
        #expect(abs(mean["precision", default: 0] - 0.2) < 0.015)
        #expect(abs(mean["recall", default: 0] - 0.25) < 0.02)
        // E[RR] = Σ_r (1/r) C(N−r, R−1)/C(N, R) (SE ≈ 0.005).
        #expect(abs(mean["mrr", default: 0] - 0.41515442913184664) < 0.02)
        // E[AUC] = 0.5 (SE ≈ 0.004).
        #expect(abs(mean["auc", default: 0] - 0.5) < 0.02)
    }
}
