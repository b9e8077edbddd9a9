import Foundation
import MetaRecSim
import TestSupport
import Testing

/// A model written outside the package: the built-in popularity model under another name,
/// so its figures are known — they must be the built-in model's.
private enum Renamed {
    static let popularity = ModelRegistry.builtIn.descriptor(named: "popularity")!

    static let descriptor = ModelDescriptor(
        name: "outside-popularity", summary: "The popularity model, registered from outside the package.",
        parameters: popularity.parameters
    ) { parameters, seed in popularity.make(parameters, seed) }
}

/// A model written outside the package that fails to fit, for the failure path.
private struct Failing: Recommender {
    struct Refusal: Error {}

    let name = "outside-failing"

    static let descriptor = ModelDescriptor(name: "outside-failing", summary: "Fails to fit.") { _, _ in Failing() }

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        throw Refusal()
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        throw Refusal()
    }
}

@Suite("The library's scenario runner")
struct ScenarioRunnerTests {
    private let directory = Scratch.directory("metarec-runner")

    /// Writes a tiny scenario named `name` listing `models`, and returns its path.
    private func scenario(_ name: String, models: [String] = ["popularity"]) throws -> String {
        let text = TestScenarios.tiny(
            name: name, models: models.map { "  - \($0)" }.joined(separator: "\n"), metrics: "[ndcg@5, hr@5]")
        let url = directory.appendingPathComponent("\(name).yaml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("A model registered from outside runs in every scenario and appears in every report")
    func registeredModelReports() async throws {
        var runner = ScenarioRunner(options: RunOptions(jobs: 2))
        runner.register(Renamed.descriptor)
        let out = directory.appendingPathComponent("reports")
        let run = try await runner.run(
            [try scenario("tiny")], writingReportsTo: out, formats: [.json, .markdown, .xlsx])
        #expect(run.failures.isEmpty && run.skipped.isEmpty)
        #expect(run.results.header.suite == "tiny")
        #expect(run.results.header.scenarios.map(\.models) == [["popularity", "outside-popularity"]])
        let own = run.results.reproducibleRows.filter { $0.model == "outside-popularity" }
        let builtIn = run.results.reproducibleRows.filter { $0.model == "popularity" }
        // ndcg@5 and hr@5 after the three oracle metrics a simulated world adds, at 2 K on the
        // test users, and once on the validation users; and the two byte counts at 2 K (the
        // wall times, measured, differ between the two).
        #expect(own.count == 5 * 2 + 5 + 2 * 2 && own.count == builtIn.count)
        // The same model under another name: the same means over the same users.
        for row in own {
            let twin = try #require(
                builtIn.first { $0.shots == row.shots && $0.metric == row.metric && $0.segment == row.segment })
            #expect(row.value == twin.value && row.n == twin.n)
        }
        #expect(run.perUser.contains { $0.model == "outside-popularity" })
        let results = try ResultSet.decode(
            Data(contentsOf: out.appendingPathComponent("results.json")), source: "results.json")
        #expect(results.reproducibleRows == run.results.reproducibleRows)
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("outside-popularity"))
        let workbook = try #require(XlsxContents(Data(contentsOf: out.appendingPathComponent("report.xlsx"))))
        #expect(
            workbook.sheetNames.contains { name in
                workbook.cells(of: name).values.contains { $0.contains("outside-popularity") }
            })
    }

    @Test("A model registered for named use runs only where a file names it")
    func namedOnly() async throws {
        var runner = ScenarioRunner(options: RunOptions(jobs: 1))
        runner.register(Renamed.descriptor, addToEveryScenario: false)
        let plan = try runner.plan([try scenario("plain"), try scenario("named", models: ["outside-popularity"])])
        #expect(plan.name == "plain+named")
        #expect(plan.scenarios.map { $0.models.map(\.label) } == [["popularity"], ["outside-popularity"]])
        let run = await runner.run(plan)
        #expect(
            Set(run.results.rows.map { "\($0.scenario) \($0.model)" }) == [
                "plain popularity", "named outside-popularity",
            ])
    }

    @Test("A model that fails fails its own cells only")
    func failingModel() async throws {
        var runner = ScenarioRunner(options: RunOptions(jobs: 2))
        runner.register(Failing.descriptor)
        let run = try await runner.run([try scenario("tiny")])
        #expect(run.failures.map(\.model) == ["outside-failing"])
        #expect(!run.results.rows.isEmpty && run.results.rows.allSatisfy { $0.model == "popularity" })
    }

    @Test("A scenario given twice is refused before anything runs, naming its file")
    func duplicateScenario() throws {
        let path = try scenario("tiny")
        #expect(throws: InputError.self) { try ScenarioRunner().plan([path, path]) }
        do {
            _ = try ScenarioRunner().plan([path, path])
        } catch let error as InputError {
            #expect(error.file == path && error.field == "name")
            #expect(error.message.hasPrefix("scenario 'tiny' is given more than once"))
        }
    }

    @Test("A model name no registry knows is refused")
    func unknownModel() throws {
        let path = try scenario("tiny", models: ["outside-popularity"])
        #expect(throws: InputError.self) { try ScenarioRunner().plan([path]) }
    }
}
