import Evaluation
import Experiments
import Foundation
import Testing

/// The cold-start options of scenario files: graded relevance, sampled rankings,
/// segments and the full metric set, with file, line and field in every error.
@Suite("Scenario files: cold-start options and metrics")
struct ColdStartOptionsDecodingTests {
    /// A valid scenario whose cold-start block and metric list are replaced.
    private func scenario(coldStart: String, metrics: String = "[ndcg@10]") -> String {
        """
        name: options
        family: ecommerce
        world:
          users: 200
          items: 100
        protocols:
          cold_start:
        \(coldStart.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n"))
        models: [random]
        metrics: \(metrics)
        """
    }

    private let files = ScenarioFiles()

    @Test("new options decode")
    func decodes() throws {
        let spec = try files.load(
            scenario(
                coldStart:
                    "shots: [0, 5]\nrelevance: graded\nsampled_ranking: [query, 100]\nsegments: [activity, age_band]",
                metrics:
                    "[ndcg@10, ndcg_lin@10, ndcg_exp@5, precision@10, recall@20, mrr, map@10, auc, coverage@10, gini@10, novelty@10, ild@10, personalization@10, oracle_ndcg@10, oracle_share@10, regret@10]"
            ))
        #expect(spec.coldStart?.relevance == .graded)
        #expect(spec.coldStart?.sampledRankings == [.querySet, .negatives(100)])
        #expect(spec.coldStart?.segments == ["activity", "age_band"])
        #expect(spec.metrics.count == 16)
        #expect(spec.metrics.contains(.ndcg(k: 5, gain: .exponential)))
        #expect(spec.metrics.contains(.ndcg(k: 10, gain: .linear)))
    }

    @Test("single values stand for lists, and defaults stay as they were")
    func defaults() throws {
        let single = try files.load(scenario(coldStart: "sampled_ranking: 50\nsegments: activity"))
        #expect(single.coldStart?.sampledRankings == [.negatives(50)])
        #expect(single.coldStart?.segments == ["activity"])
        let plain = try files.load(scenario(coldStart: "shots: [1]"))
        #expect(plain.coldStart?.relevance == .binary)
        #expect(plain.coldStart?.sampledRankings.isEmpty == true)
        #expect(plain.coldStart?.segments.isEmpty == true)
    }

    @Test(
        "bad options name the file, line and field",
        arguments: [
            (
                "sampled_ranking: [querry]", "protocols.cold_start.sampled_ranking[0]",
                "expected 'query' or a positive number"
            ),
            ("sampled_ranking: [0]", "protocols.cold_start.sampled_ranking[0]", "positive number"),
            ("sampled_ranking: [query, query]", "protocols.cold_start.sampled_ranking[1]", "listed twice"),
            ("segments: [activity, activity]", "protocols.cold_start.segments[1]", "listed twice"),
            ("segments: [age band]", "protocols.cold_start.segments[0]", "user feature name"),
            ("relevance: gradd", "protocols.cold_start.relevance", "did you mean 'graded'?"),
            ("segment: [activity]", "protocols.cold_start.segment", "did you mean 'segments'?"),
        ])
    func badOptions(option: String, field: String, fragment: String) {
        let error = files.loadError(scenario(coldStart: option))
        #expect(error?.field == field)
        #expect(error?.line != nil)
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
    }

    @Test("a misspelt metric gets a suggestion from the whole metric set")
    func misspeltMetric() {
        let error = files.loadError(scenario(coldStart: "shots: [1]", metrics: "[ndcg@10, precison@5]"))
        #expect(error?.field == "metrics[1]")
        #expect(error?.message.contains("did you mean 'precision@5'?") == true, "\(error?.message ?? "no error")")
    }
}
