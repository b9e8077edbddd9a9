import Foundation
import Recommenders
import Testing

@testable import Experiments

@Suite("The oracle bounds every model")
struct OracleBoundTests {
    /// Every built-in model, learners trained for one epoch to keep the test short.
    private static var models: String {
        ModelRegistry.builtIn.descriptors.map { descriptor in
            descriptor.parameters.contains { $0.name == "epochs" }
                ? "  - {name: \(descriptor.name), params: {epochs: 1}}" : "  - \(descriptor.name)"
        }.joined(separator: "\n")
    }

    @Test(
        "No built-in model's top 5 has more true utility than the oracle's, for any user; the models fall short of it, the oracle model meets it"
    )
    func everyModelBelowTheOracle() async throws {
        let files = ScenarioFiles()
        let spec = try files.load(
            """
            name: oracle-bound
            family: video
            seeds: [1]
            world:
              users: 150
              items: 80
              interactions_per_user: 15
              min_interactions_per_user: 12
            protocols:
              cold_start:
                shots: [0, 3]
                min_query: 3
                bootstrap_resamples: 20
            models:
            \(Self.models)
            metrics: [regret@5, oracle_share@5, oracle_ndcg@5]
            """)
        let run = await SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.isEmpty)
        let names = Set(run.perUser.map(\.coordinates.model))
        #expect(names.count == ModelRegistry.builtIn.descriptors.count)
        let tolerance = 1e-9
        let outOfBounds = run.perUser.filter { record in
            switch record.coordinates.metric {
            case "regret@5": record.value < -tolerance
            default: record.value > 1 + tolerance
            }
        }
        #expect(outOfBounds.count == 0)
        for name in names {
            let regrets = run.perUser.filter { $0.coordinates.model == name && $0.coordinates.metric == "regret@5" }
                .map(\.value)
            if name == "oracle" {
                // The oracle model ranks by the same true utilities: zero regret for every user.
                #expect(!regrets.isEmpty && regrets.allSatisfy { $0 == 0 })
            } else {
                #expect(regrets.reduce(0, +) > 0, "\(name) matches the oracle for every user")
            }
        }
    }
}
