import Foundation
import Recommenders
import Testing

@testable import Experiments

/// Known answer for the meta-learned two-tower model on the shipped
/// `Scenarios/validity/personalization-is-everything.yaml`, shrunk to 400 users and 100
/// items (seed 1): preferences are individual and invisible in features, so only the
/// support set tells what a user likes. At its defaults `meta-two-tower` must gain at least
/// 0.05 oracle nDCG@10 from K = 0 to K = 20 and come within 0.05 of item-kNN at K = 20.
/// (Measured: 0.724 → 0.884, item-kNN 0.854; at the full 2,000 × 400 size 0.715 → 0.913,
/// item-kNN 0.903.)
@Suite("Meta-learned two-tower known answer")
struct MetaTwoTowerKnownAnswerTests {
    private static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Scenarios/validity/personalization-is-everything.yaml")

    /// The shipped scenario with a smaller world and only item-kNN and the two-tower model.
    static func shrunk(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("  users:") { return "  users: 400" }
            if line.hasPrefix("  items:") { return "  items: 100" }
            return String(line)
        }
        let scenario = lines.joined(separator: "\n")
        let models = scenario.components(separatedBy: "\nmodels:")
        let metrics = models[1].components(separatedBy: "\nmetrics:")
        return models[0] + "\nmodels:\n  - item-knn\n  - meta-two-tower\nmetrics:" + metrics[1]
    }

    @Test("At its defaults it gains from K = 0 to K = 20 and comes within 0.05 of item-kNN")
    func personalizes() async throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(text.contains("  - meta-two-tower\n"), "the shipped scenario lists the model")
        let spec = try ScenarioFiles().load(Self.shrunk(text))
        let run = await SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(run.failures.isEmpty)
        func value(_ model: String, _ shots: Int) throws -> Double {
            try #require(
                run.results.rows.first {
                    $0.model == model && $0.shots == shots && $0.metric == "oracle_ndcg@10" && $0.segment == "all"
                }
            ).value
        }
        let (cold, warm, knn) = (
            try value("meta-two-tower", 0), try value("meta-two-tower", 20), try value("item-knn", 20)
        )
        #expect(warm - cold >= 0.05, "gain \(warm - cold): \(cold) → \(warm)")
        #expect(warm >= knn - 0.05, "\(warm) against item-kNN's \(knn)")
    }
}
