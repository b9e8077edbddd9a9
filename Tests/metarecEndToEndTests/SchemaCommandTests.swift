import Foundation
import Testing

/// `metarec schema` prints the committed JSON Schema and reference, and a standard JSON
/// Schema validator agrees with `metarec validate` on shipped and mutated scenarios.
@Suite("metarec schema")
struct SchemaCommandTests {
    private func committed(_ path: String) throws -> String {
        try String(contentsOf: MetarecProcess.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("metarec schema prints Scenarios/metarec.schema.json; --reference prints docs/scenario-reference.md")
    func printsTheCommittedFiles() throws {
        let schema = try MetarecProcess.run(["schema"])
        #expect(schema.status == 0)
        let schemaCurrent = try schema.standardOutput == committed("Scenarios/metarec.schema.json")
        #expect(schemaCurrent, "stale: make schema")
        let reference = try MetarecProcess.run(["schema", "--reference"])
        #expect(reference.status == 0)
        let referenceCurrent = try reference.standardOutput == committed("docs/scenario-reference.md")
        #expect(referenceCurrent, "stale: make schema")
    }

    @Test(
        "A mutated shipped scenario: validate exits 2 naming file, line, column, field and the nearest key; the JSON Schema rejects it too"
    )
    func mutatedScenario() throws {
        let folder = MetarecProcess.temporaryDirectory()
        let path = folder.appendingPathComponent("quickstart.yaml").path
        let text = try committed("Scenarios/quickstart.yaml").replacingOccurrences(
            of: "  users: 600", with: "  userz: 600")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let outcome = try MetarecProcess.run(["validate", path])
        #expect(outcome.status == 2)
        let firstLine = outcome.standardError.split(separator: "\n").first.map(String.init)
        #expect(
            firstLine?.hasPrefix(
                "error: \(path):9:3: field 'world.userz': unknown key 'userz' (did you mean 'users'?); allowed: users, items,"
            ) == true)

        guard let python = Self.pythonWithJSONSchema else { return }
        let shipped = try Self.check(python, [])
        #expect(shipped.status == 0, "\(shipped.output)")
        let mutated = try Self.check(python, [path])
        #expect(mutated.status == 1)
        #expect(
            mutated.output.contains("field 'world': Additional properties are not allowed ('userz' was unexpected)"))
    }

    // MARK: - Python

    /// `python3` when it can import jsonschema and yaml; `nil` otherwise.
    private static var pythonWithJSONSchema: String? {
        guard let outcome = try? run("/usr/bin/env", ["python3", "-c", "import jsonschema, yaml"]), outcome.status == 0
        else { return nil }
        return "python3"
    }

    private static func check(_ python: String, _ files: [String]) throws -> (status: Int32, output: String) {
        try run(
            "/usr/bin/env",
            [python, MetarecProcess.packageRoot.appendingPathComponent("scripts/check-scenario-schema.py").path] + files
        )
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
