import Foundation
import Recommenders
import Testing

@testable import Experiments

/// A neural model's `auto` objective follows the scenario's metrics, and inconsistent
/// objective parameters are errors at their line.
@Suite("Objectives in scenario files")
struct ObjectiveDecodingTests {
    private func scenario(metrics: String, params: String = "{epochs: 1}", signal: String = "rating") -> String {
        """
        name: objectives
        family: ecommerce
        seeds: [1]
        world:
          users: 120
          items: 60
          interactions_per_user: 15
          min_interactions_per_user: 12
          dataset_signal: \(signal)
        protocols:
          cold_start:
            shots: [0, 2]
            min_query: 3
        models:
          - popularity
          - {name: maml, params: \(params)}
        metrics: \(metrics)
        """
    }

    @Test(
        "auto is BPR for ranking metrics, MSE for rating metrics, joint for both, BPR on clicks",
        arguments: [
            ("[ndcg@10]", "rating", "bpr"), ("[mae, rmse]", "rating", "mse"), ("[ndcg@10, mae]", "rating", "joint"),
            ("[ndcg@10, mae]", "click", "bpr"),
        ])
    func automatic(metrics: String, signal: String, expected: String) throws {
        let spec = try ScenarioFiles().load(scenario(metrics: metrics, signal: signal))
        #expect(spec.models[1].parameters.string("objective") == expected)
        #expect(ObjectiveParameters.objectives(of: spec.models.map { ($0.label, $0.parameters) }) == ["maml": expected])
    }

    @Test("The objective used is in the results header")
    func recorded() async throws {
        let spec = try ScenarioFiles().load(
            scenario(metrics: "[ndcg@10, mae]", params: "{epochs: 1, objective: joint}"))
        let run = await SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: 1)).run()
        #expect(run.failures.isEmpty)
        #expect(run.results.header.scenarios[0].objectives == ["maml": "joint"])
    }

    @Test(
        "Inconsistent objective parameters name the file, line and field",
        arguments: [
            ("{objective: listwise}", "rating", "models[1].params.objective"),
            ("{sampler: zipf}", "rating", "models[1].params.sampler"),
            ("{objective: bpr, negatives: 0}", "rating", "models[1].params.negatives"),
            ("{ranking_weight: 1.5}", "rating", "models[1].params.ranking_weight"),
            ("{objective: mse}", "click", "models[1].params.objective"),
            ("{inner_objective: joint}", "click", "models[1].params.inner_objective"),
            ("{objective: joint, inner_objective: bpr}", "rating", "models[1].params.inner_objective"),
        ])
    func badInput(params: String, signal: String, field: String) throws {
        let error = try #require(
            ScenarioFiles().loadError(scenario(metrics: "[ndcg@10, mae]", params: params, signal: signal)))
        #expect(error.field == field, "\(error)")
        #expect(error.line == 16)
    }
}
