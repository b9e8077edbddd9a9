import Evaluation
import Foundation
import RecData
import Reporting
import Testing

@testable import Experiments

@Suite("Scenarios on real datasets")
struct DatasetScenarioTests {
    private let files = ScenarioFiles()

    private func scenario(
        dataset: String = "  format: recbole\n  path: data\n  name: toy\n", protocols: String = "",
        metrics: String = "[ndcg@5, hr@5, mae]"
    ) -> String {
        "name: real\nseeds: [1]\ndataset:\n\(dataset)models: [random, popularity]\nmetrics: \(metrics)\n"
            + (protocols.isEmpty ? "" : "protocols:\n\(protocols)")
    }

    private func load(_ text: String) throws -> ScenarioSpec {
        files.writeToyDataset()
        return try files.load(text)
    }

    private func failure(_ text: String) -> InputError? {
        files.writeToyDataset()
        return files.loadError(text)
    }

    @Test("A dataset decodes with RecBole's roles, MeLU's 13–100 filter and fail on unknown ids by default")
    func defaults() throws {
        let spec = try load(scenario())
        let source = try #require(spec.dataset)
        #expect(spec.world == nil)
        #expect(source.format == .recbole && source.name == "toy")
        #expect(source.directory.path == files.directory.appendingPathComponent("data").path)
        #expect(source.roles == RecBoleFieldRoles())
        #expect(source.unknownIDs == .fail)
        #expect(source.activity == 13...100)
        let note = try #require(spec.dataNote)
        #expect(note.contains("dataset toy (recbole): 59 users, 30 items, 1180 interactions"))
        #expect(note.contains("1 users and 5 interactions dropped"))
        #expect(note.contains("No oracle"))
    }

    @Test("Roles, policy and filter are configurable; none removes a role")
    func options() throws {
        let dataset =
            "  format: recbole\n  path: data\n  name: toy\n  fields: {rating: none, timestamp: timestamp}\n  unknown_ids: skip\n  min_interactions: 1\n  max_interactions: none\n"
        let spec = try load(scenario(dataset: dataset))
        let source = try #require(spec.dataset)
        #expect(source.roles.rating == nil && source.roles.timestamp == "timestamp")
        #expect(source.unknownIDs == .skip)
        #expect(source.activity == 1...Int.max)
        #expect(try source.load().dataset.feedback == .implicit)
    }

    @Test("Oracle-relative metrics are omitted on real data, and the note says which")
    func oracleMetricsOmitted() throws {
        let spec = try load(scenario(metrics: "[ndcg@5, oracle_ndcg@5, regret@5]"))
        #expect(spec.metrics == [.ndcg(k: 5)])
        #expect(
            spec.dataNote?.hasSuffix("No oracle: oracle-relative metrics omitted (oracle_ndcg@5, regret@5).") == true)
        let error = try #require(failure(scenario(metrics: "[oracle_ndcg@5]")))
        #expect(error.field == "metrics" && error.message.contains("has no oracle"))
    }

    @Test("On real data the drift protocol replays the log with ranking metrics")
    func driftReplay() throws {
        let spec = try load(scenario(protocols: "  drift: {windows: 3}\n"))
        #expect(spec.drift?.metrics == [.hitRate(k: 10), .ndcg(k: 10), .recall(k: 10)])
        let error = try #require(failure(scenario(protocols: "  drift: {metrics: [oracle_ndcg@10]}\n")))
        #expect(error.field == "protocols.drift.metrics[0]" && error.message.contains("replays the log"))
    }

    @Test(
        "Bad dataset sections name the scenario's field",
        arguments: [
            ("  format: parquet\n  path: data\n", "dataset.format", "unknown value 'parquet'"),
            ("  format: recbole\n  path: nowhere\n  name: toy\n", "dataset.path", "is not a folder"),
            ("  format: recbole\n  path: data\n", "dataset.name", "missing required key 'name'"),
            ("  format: movielens-1m\n  path: data\n  name: toy\n", "dataset.name", "RecBole files only"),
            ("  format: movielens-1m\n  path: data\n  fields: {user: uid}\n", "dataset.fields", "RecBole files only"),
            (
                "  format: recbole\n  path: data\n  name: toy\n  unknown_ids: ignore\n", "dataset.unknown_ids",
                "expected one of: skip, fail"
            ),
            (
                "  format: recbole\n  path: data\n  name: toy\n  min_interactions: 50\n  max_interactions: 20\n",
                "dataset.max_interactions", "below min_interactions"
            ),
            (
                "  format: recbole\n  path: data\n  name: toy\n  min_interactions: 500\n  max_interactions: 600\n",
                "dataset", "no user is left"
            ),
        ])
    func badSections(dataset: String, field: String, message: String) throws {
        let error = try #require(failure(scenario(dataset: dataset)))
        #expect(error.field == field, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("The oracle model on a real dataset is refused at its entry, naming the line")
    func oracleOnData() throws {
        let text = scenario().replacingOccurrences(
            of: "models: [random, popularity]", with: "models:\n  - random\n  - oracle")
        let error = try #require(failure(text))
        #expect(error.field == "models[1]", "\(error)")
        #expect(error.line == 9, "\(error)")
        #expect(error.message.contains("only a simulated world has"))
    }

    @Test("A scenario names a world or a dataset, not both")
    func notBoth() throws {
        let error = try #require(failure("family: ecommerce\n" + scenario()))
        #expect(error.field == "family" && error.message.contains("not both"))
    }

    @Test(
        "An identifier-like user feature (a value of its own for most users) is named in the note as left out of the neural models' inputs; shared ones are not"
    )
    func identifierLikeFeatureNotice() throws {
        let plain = try #require(try load(scenario()).dataNote)
        #expect(!plain.contains("identifier-like"))
        _ = files.write(
            "data/toy.user",
            "user_id:token\tgroup:token\tzip:token\n"
                + (0..<60).map { "u\($0)\tg\($0 % 3)\tz\($0 < 40 ? $0 : 0)\n" }.joined())
        let note = try #require(try files.load(scenario()).dataNote)
        // 59 users pass the activity filter (u59 has 5 interactions); 39 of them hold a zip of their own.
        #expect(
            note.contains(
                "feature zip is identifier-like (39 of 59 hold a value of their own) and left out of the neural models' inputs"
            ))
        #expect(!note.contains("feature group"))
    }

    @Test("A fault in a data file names that file, its line and field")
    func dataFileError() throws {
        let error = try #require(
            failure(scenario(dataset: "  format: recbole\n  path: data\n  name: toy\n  fields: {rating: score}\n")))
        #expect(error.file.hasSuffix("data/toy.inter") && error.line == 1 && error.field == "score")
    }

    @Test("A dataset scenario runs both protocols to rows, with the note in the header, the same for any job count")
    func runs() async throws {
        let spec = try load(
            scenario(
                protocols:
                    "  cold_start: {shots: [0, 3], min_query: 5, bootstrap_resamples: 20}\n  drift: {windows: 3, bootstrap_resamples: 20}\n"
            ))
        let single = await SuiteRunner(name: "real", scenarios: [spec], options: RunOptions(jobs: 1)).run()
        #expect(single.failures.isEmpty, "\(single.failures)")
        let rows = single.results.reproducibleRows
        #expect(Set(rows.map(\.protocolName)) == ["cold-start", "drift"])
        #expect(
            rows.filter { $0.protocolName == "drift" }.map(\.metric).allSatisfy {
                ["hr@10", "ndcg@10", "recall@10"].contains($0)
            })
        #expect(single.results.header.scenarios.first?.dataNote == spec.dataNote)
        let parallel = await SuiteRunner(name: "real", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        #expect(parallel.results.reproducibleRows == rows)
    }

    @Test("MeLU's partitions run on real data, new items being those the log first shows after the cut-off")
    func partitions() async throws {
        let spec = try load(
            scenario(
                protocols:
                    "  cold_start: {shots: [0, 3], min_query: 5, bootstrap_resamples: 20, partitions: {cutoff: 0.5}}\n")
        )
        #expect(spec.coldStart?.partitions?.cutoffShare == 0.5)
        let run = await SuiteRunner(name: "real", scenarios: [spec], options: RunOptions(jobs: 1)).run()
        #expect(run.failures.isEmpty, "\(run.failures)")
        #expect(run.results.rows.contains { $0.protocolName != "cold-start" })
    }
}
