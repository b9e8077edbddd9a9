import Foundation
import Recommenders
import Testing

@testable import Experiments

/// Every neural model, at its defaults, trains and adapts on every shipped simulated world
/// without diverging: the worlds are shrunk (users, items, activity) and training is cut to
/// a few epochs to keep the test short; nothing else changes. Oracle nDCG is measured, as
/// every simulated world has an oracle while a rating threshold may leave a shrunk world
/// (video's watch fractions) without relevant items.
@Suite("Neural models on the shipped worlds")
struct ShippedWorldNetworkTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built-in models that train a network on features.
    static var neuralModels: [String] {
        ModelRegistry.builtIn.descriptors.map(\.name).filter {
            ModelRegistry.isMetaLearner($0) || $0.hasSuffix("-network")
        }
    }

    /// The shipped scenario files that simulate a world.
    static var simulatedScenarios: [String] {
        let directory = root.appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().filter { name in
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").contains { $0.hasPrefix("family:") }
        }
    }

    /// `text`'s world with sizes replaced, followed by a small cold-start protocol and `models`.
    static func shrunk(_ text: String, models: [String]) -> String {
        let world = text.components(separatedBy: "\nprotocols:")[0]
        let sizes = ["users": 120, "items": 300, "interactions_per_user": 12, "min_interactions_per_user": 10]
        let lines = world.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for (key, value) in sizes where line.hasPrefix("  \(key):") { return "  \(key): \(value)" }
            return String(line)
        }
        return lines.joined(separator: "\n") + """

            protocols:
              cold_start:
                shots: [0, 5]
                min_query: 3
                bootstrap_resamples: 10
            models:
            \(models.map { "  - {name: \($0), params: {epochs: 2}}" }.joined(separator: "\n"))
            metrics: [oracle_ndcg@10]
            """
    }

    @Test(
        "Every neural model runs at its defaults on every shipped world without diverging",
        arguments: simulatedScenarios)
    func noDivergence(_ scenario: String) async throws {
        #expect(Self.neuralModels.count >= 8)
        let text = try String(contentsOf: Self.root.appendingPathComponent("Scenarios/\(scenario)"), encoding: .utf8)
        let spec = try ScenarioFiles().load(Self.shrunk(text, models: Self.neuralModels))
        let run = await SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.map { "\($0.model): \($0.error ?? "")" } == [])
        #expect(Set(run.results.rows.map(\.model)) == Set(Self.neuralModels))
        #expect(run.results.rows.allSatisfy { $0.value.isFinite })
    }
}
