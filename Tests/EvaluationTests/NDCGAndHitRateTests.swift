import Foundation
import Testing

@testable import Evaluation

@Suite("nDCG, hit rate, MAE and RMSE")
struct NDCGAndHitRateTests {
    /// The relevance of a top list given as hits (best first), with `relevantCount`
    /// relevant items in all: the ones beyond the hits were not ranked. A count of 0
    /// means no item is relevant, whatever the hits say.
    private func relevance(hits: [Bool], relevantCount: Int) -> RankedRelevance {
        guard relevantCount > 0 else { return RankedRelevance(ranking: Array(hits.indices), grades: [:]) }
        let ranked = hits.indices.filter { hits[$0] }
        let unranked = hits.count..<(hits.count + max(0, relevantCount - ranked.count))
        return RankedRelevance(
            ranking: Array(hits.indices),
            grades: Dictionary(uniqueKeysWithValues: (ranked + unranked).map { ($0, 1.0) }))
    }

    private func ndcg(hits: [Bool], relevantCount: Int, k: Int) -> Double {
        NormalizedDCG.value(relevance(hits: hits, relevantCount: relevantCount), k: k, gain: .exponential)
    }

    private func hitRate(hits: [Bool], k: Int) -> Double {
        HitRate.value(relevance(hits: hits, relevantCount: hits.filter { $0 }.count), k: k)
    }

    @Test("nDCG@3 of a hand-worked list")
    func ndcgByHand() {
        // Hits at positions 1 and 3, two relevant items in all:
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3).
        let value = ndcg(hits: [true, false, true], relevantCount: 2, k: 3)
        #expect(abs(value - 1.5 / (1 + 1 / log2(3.0))) < 1e-12)
    }

    @Test("A perfect ranking scores 1 and a ranking without hits 0")
    func ndcgBounds() {
        #expect(ndcg(hits: [true, true, false], relevantCount: 2, k: 3) == 1)
        #expect(ndcg(hits: [false, false, false], relevantCount: 2, k: 3) == 0)
        #expect(ndcg(hits: [true], relevantCount: 0, k: 3) == 0)
    }

    @Test("nDCG only looks at the first k positions")
    func ndcgCutoff() {
        #expect(ndcg(hits: [false, false, true], relevantCount: 1, k: 2) == 0)
        #expect(hitRate(hits: [false, false, true], k: 2) == 0)
        #expect(hitRate(hits: [false, false, true], k: 3) == 1)
    }

    @Test("The ideal DCG is capped at k when more items are relevant")
    func idealCapped() {
        #expect(ndcg(hits: [true, true], relevantCount: 10, k: 2) == 1)
    }

    @Test("MAE and RMSE by hand")
    func ratingErrors() {
        let predicted: [Float] = [3, 4, 1]
        let observed: [Float] = [5, 4, 2]
        #expect(abs(RatingMetrics.meanAbsoluteError(predicted: predicted, observed: observed) - 1) < 1e-12)
        #expect(
            abs(RatingMetrics.rootMeanSquaredError(predicted: predicted, observed: observed) - (5.0 / 3).squareRoot())
                < 1e-12)
        #expect(RatingMetrics.meanAbsoluteError(predicted: [], observed: []) == 0)
    }

    @Test("Metric names parse and print back", arguments: ["ndcg@10", "hr@5", "mae", "rmse"])
    func names(name: String) throws {
        #expect(try #require(Metric(name)).description == name)
    }

    @Test("Malformed metric names are rejected", arguments: ["ndcg", "ndcg@0", "ndcg@x", "mae@3", "auc@", "foo@10"])
    func badNames(name: String) {
        #expect(Metric(name) == nil)
    }
}
