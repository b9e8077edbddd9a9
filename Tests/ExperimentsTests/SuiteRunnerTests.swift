import Crypto
import Foundation
import Reporting
import Testing

@testable import Experiments

@Suite("Suite runner")
struct SuiteRunnerTests {
    private let files = ScenarioFiles()

    private func scenario(extra: String = "") throws -> ScenarioSpec {
        let path = files.write("tiny.yaml", ScenarioFiles.valid(extra: extra))
        return try #require(ScenarioLoader().load(path).scenarios.first)
    }

    @Test("Rows cover every model, K and metric, and the per-user values back them")
    func rows() async throws {
        let run = await SuiteRunner(name: "t", scenarios: [try scenario()], options: RunOptions(jobs: 1)).run()
        #expect(run.failures.isEmpty)
        // A simulated world adds the three oracle metrics to ndcg@5 and mae: 5 metrics × 2 models × 2 K,
        // and each model's 5 figures on the validation users at the largest K.
        let all = run.results.rows.filter { $0.segment == "all" }
        let test = all.filter { !ResultPivot.costOrder.contains($0.metric) }
        #expect(test.count == 5 * 2 * 2)
        // And each model's 7 costs at each K, which have no per-user values.
        #expect(all.count - test.count == 7 * 2 * 2)
        #expect(run.results.rows.filter { $0.segment == "validation" && $0.shots == 2 }.count == 5 * 2)
        #expect(Set(run.results.rows.map(\.model)) == ["random", "popularity"])
        for row in test {
            let values = run.perUser.filter {
                $0.model == row.model && $0.shots == row.shots && $0.metric == row.metric
            }.map(\.value)
            #expect(values.count == row.n)
            #expect(abs(values.reduce(0, +) / Double(values.count) - row.value) < 1e-12)
            #expect(row.ciLow <= row.value && row.value <= row.ciHigh)
        }
    }

    @Test("Results are identical for one job and for two")
    func jobsDoNotMatter() async throws {
        let spec = try scenario(extra: "")
        let one = await SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: 1, seedCount: 2)).run()
        let two = await SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: 2, seedCount: 2)).run()
        #expect(one.results.reproducibleRows == two.results.reproducibleRows)
        #expect(one.perUser == two.perUser)
        #expect(Set(one.results.rows.map(\.seed)) == [1, 2])
    }

    @Test("Another seed gives other figures")
    func seedsMatter() async throws {
        let spec = try scenario()
        var other = spec
        other.seeds = [7]
        let first = await SuiteRunner(name: "t", scenarios: [spec], options: RunOptions(jobs: 2)).run()
        let second = await SuiteRunner(name: "t", scenarios: [other], options: RunOptions(jobs: 2)).run()
        #expect(first.results.rows.map(\.value) != second.results.rows.map(\.value))
    }

    @Test("The header records the scenario's hash, seeds and toolkit version")
    func header() async throws {
        let spec = try scenario()
        let run = await SuiteRunner(name: "suite", scenarios: [spec], options: RunOptions(jobs: 1)).run()
        let header = run.results.header
        #expect(header.schemaVersion == ResultSet.schemaVersion)
        #expect(header.toolkitVersion == Toolkit.version)
        #expect(header.scenarios.first?.sha256 == spec.sha256)
        #expect(header.scenarios.first?.metrics == ["oracle_ndcg@5", "oracle_share@5", "regret@5", "ndcg@5", "mae"])
        #expect(header.seeds == [1])
        #expect(header.timings.cells.count == 2)
        #expect(header.plannedCells.map(\.model) == ["random", "popularity"])
        #expect(header.shard == nil && !header.partial)
        #expect(header.libraries["libxlsxwriter"]?.isEmpty == false)
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test(
        "FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hexDigest(of: Array(input.utf8)) == digest)
    }

    @Test("A million 'a's")
    func long() {
        #expect(
            SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite("Suggestions")
struct SuggestionTests {
    @Test("Levenshtein distances by hand")
    func distances() {
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.distance("", "abc") == 3)
        #expect(Suggestion.distance("same", "same") == 0)
    }

    @Test("Only plausible typos are suggested")
    func nearest() {
        #expect(Suggestion.nearest(to: "populrity", among: ["random", "popularity"]) == "popularity")
        #expect(Suggestion.nearest(to: "zzz", among: ["random", "popularity"]) == nil)
    }
}
