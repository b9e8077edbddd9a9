import Foundation
import Testing

@Suite("metarec compare")
struct CompareCommandTests {
    private let baseline = MetarecProcess.packageRoot.appendingPathComponent("Reports/baseline/results.json").path

    /// A copy of the committed baseline (results and per-user values) with `edit` applied to
    /// the JSON text of the results.
    private func candidate(_ edit: (String) -> String = { $0 }, keepPerUser: Bool = true) throws -> URL {
        let directory = MetarecProcess.temporaryDirectory()
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        try Data(edit(text).utf8).write(to: directory.appendingPathComponent("results.json"))
        if keepPerUser {
            let perUser = URL(fileURLWithPath: baseline).deletingLastPathComponent().appendingPathComponent(
                "per_user.jsonl")
            try FileManager.default.copyItem(at: perUser, to: directory.appendingPathComponent("per_user.jsonl"))
        }
        return directory
    }

    @Test("An unchanged candidate passes and writes JUnit and Markdown")
    func unchanged() throws {
        let directory = try candidate()
        defer { try? FileManager.default.removeItem(at: directory) }
        let junit = directory.appendingPathComponent("junit.xml").path
        let markdown = directory.appendingPathComponent("summary.md").path
        let outcome = try MetarecProcess.run([
            "compare", baseline, directory.appendingPathComponent("results.json").path, "--junit", junit, "--markdown",
            markdown,
        ])
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("unchanged"))
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("failures=\"0\""))
        #expect(try String(contentsOfFile: markdown, encoding: .utf8).contains("✅ passed"))
    }

    @Test(
        "A figure made worse beyond tolerance fails the gate with exit code 1 (tolerance alone without per-user values)"
    )
    func regressed() throws {
        let directory = try candidate(
            { text in
                // Lower every value by 0.1: ranking metrics get worse; rating errors get better.
                var lines = text.components(separatedBy: "\n")
                for index in lines.indices where lines[index].contains("\"value\" : ") {
                    let parts = lines[index].components(separatedBy: "\"value\" : ")
                    let number = Double(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: ", "))) ?? 0
                    lines[index] = parts[0] + "\"value\" : \(number - 0.1)" + (parts[1].hasSuffix(",") ? "," : "")
                }
                return lines.joined(separator: "\n")
            }, keepPerUser: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try MetarecProcess.run([
            "compare", baseline, directory.appendingPathComponent("results.json").path,
        ])
        #expect(outcome.status == 1)
        // Columns are padded to the longest name in the results, so match the words of a line.
        let lines = outcome.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ").joined(separator: " ")
        }
        #expect(lines.contains { $0.hasPrefix("REGRESSED quickstart/cold-start/popularity ndcg@10 K=0 ") })
        #expect(lines.contains { $0.hasPrefix("IMPROVED quickstart/cold-start/popularity mae K=0 ") })
    }

    @Test(
        "Inputs that cannot be read or compared exit 2, saying why",
        arguments: [
            ("\"seed\" : 1", "\"seed\" : 9", "ran seeds [1] in the baseline but [9] in the candidate"),
            ("\"schema_version\" : 1", "\"schema_version\" : 99", "schema version 99 is newer"),
            ("\"rows\" : [", "\"rows\" : ", "not a results file"),
        ])
    func incomparable(original: String, replacement: String, message: String) throws {
        let directory = try candidate({ $0.replacingOccurrences(of: original, with: replacement) }, keepPerUser: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try MetarecProcess.run([
            "compare", baseline, directory.appendingPathComponent("results.json").path,
        ])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
    }

    @Test("A tolerance file naming an unknown metric exits 2 with its line")
    func badTolerances() throws {
        let directory = try candidate()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tolerances = directory.appendingPathComponent("tolerances.yaml")
        try Data("alpha: 0.01\nmetrics:\n  ndcg@10: {absolute: 0.01}\n  nDCG-10: {relative: 0.1}\n".utf8).write(
            to: tolerances)
        let outcome = try MetarecProcess.run([
            "compare", baseline, directory.appendingPathComponent("results.json").path, "--tolerances", tolerances.path,
        ])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("tolerances.yaml:4:"))
        #expect(outcome.standardError.contains("unknown metric 'nDCG-10'"))
    }

    @Test("A missing results file exits 2")
    func missing() throws {
        let outcome = try MetarecProcess.run(["compare", baseline, "/nonexistent/results.json"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("/nonexistent/results.json: no such file"))
    }
}
