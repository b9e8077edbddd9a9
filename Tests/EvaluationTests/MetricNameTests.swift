import Evaluation
import Testing

@Suite("Metric names")
struct MetricNameTests {
    private static let all: [Metric] = [
        .ndcg(k: 10), .ndcg(k: 5, gain: .linear), .hitRate(k: 10), .precision(k: 10), .recall(k: 20),
        .reciprocalRank(k: nil), .reciprocalRank(k: 10), .averagePrecision(k: 10), .auc, .mae, .rmse,
        .novelty(k: 10), .intraListDiversity(k: 10), .coverage(k: 10), .gini(k: 10), .personalization(k: 10),
        .oracleNDCG(k: 10), .oracleShare(k: 10), .regret(k: 10), .adaptedParameters,
    ]

    @Test("every metric's name parses back to it", arguments: all)
    func roundTrip(metric: Metric) {
        #expect(Metric(metric.description) == metric)
    }

    @Test("documented names and aliases")
    func names() {
        #expect(Metric("ndcg_exp@10") == .ndcg(k: 10, gain: .exponential))
        #expect(Metric("NDCG@10")?.description == "ndcg@10")
        #expect(Metric("ndcg_lin@3")?.description == "ndcg_lin@3")
        #expect(Metric("recall@20")?.description == "recall@20")
        #expect(Metric("mrr") == .reciprocalRank(k: nil))
        #expect(Metric("personalization@10")?.family == .listLevel)
        #expect(Metric("adapted_parameters")?.family == .modelSize)
        #expect(Metric("adapted_parameters")?.higherIsBetter == false)
        #expect(Metric("adapted_parameters")?.isPerUser == false)
    }

    @Test(
        "bad names are refused",
        arguments: ["ndcg", "ndcg@0", "ndcg@-1", "hr@x", "auc@10", "mae@3", "foo@10", "ndcg@10@2", ""])
    func refused(text: String) {
        #expect(Metric(text) == nil)
    }

    @Test("every catalog pattern names a metric")
    func catalog() {
        for name in Metric.names(cutoff: 7) {
            #expect(Metric(name) != nil, "\(name)")
        }
        #expect(Metric.catalog.count == Set(Metric.catalog.map(\.pattern)).count)
    }

    @Test("directions and families")
    func properties() {
        #expect(!Metric.gini(k: 10).higherIsBetter)
        #expect(!Metric.regret(k: 10).higherIsBetter)
        #expect(!Metric.mae.higherIsBetter)
        #expect(Metric.coverage(k: 10).higherIsBetter)
        #expect(!Metric.coverage(k: 10).isPerUser)
        #expect(Metric.novelty(k: 10).isPerUser)
        #expect(!Metric.rmse.isRanking)
        #expect(Metric.auc.cutoff == nil)
    }
}
