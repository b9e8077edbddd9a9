import Foundation
import Testing

/// Builds `Examples/CustomModel` — a separate package that depends on the toolkit by path,
/// registers a Swift model and runs `Scenarios/quickstart.yaml` — and runs it. The build
/// compiles the toolkit a second time into `.build/examples/CustomModel`, so it takes a
/// few minutes the first time and seconds after.
@Suite("Example: a model written in Swift")
struct CustomModelExampleTests {
    @Test(
        "The example package builds, runs quickstart with its model added and writes the reports",
        .timeLimit(.minutes(30)))
    func buildAndRun() throws {
        let root = MetarecProcess.packageRoot
        let scratch = root.appendingPathComponent(".build/examples/CustomModel")
        // Without manifest caching, so that source files added to the toolkit since the
        // last build of the example are seen (a cached build plan of a path dependency
        // misses them); and with the example's own objects removed, so that its sources
        // are recompiled against the toolkit's current API (an incremental build kept
        // calls to an initializer whose signature had changed, and failed to link).
        try? FileManager.default.removeItem(at: scratch.appendingPathComponent("debug/CustomModel.build"))
        let build = try Self.run(
            "/usr/bin/env",
            [
                "swift", "build", "--package-path", "Examples/CustomModel", "--scratch-path", scratch.path,
                "--disable-build-manifest-caching",
            ],
            in: root
        )
        try #require(build.status == 0, "swift build failed:\n\(build.output)")

        let reports = MetarecProcess.temporaryDirectory()
        let run = try Self.run(
            scratch.appendingPathComponent("debug/CustomModel").path, ["--out", reports.path], in: root)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("quickstart  category-affinity  K=10  ndcg@10 = "))

        let results =
            try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent("results.json")))
            as? [String: Any]
        let rows = try #require(results?["rows"] as? [[String: Any]])
        let models = Set(rows.compactMap { $0["model"] as? String })
        #expect(models == ["random", "popularity", "category-affinity"])
        let markdown = try String(contentsOf: reports.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("| cold-start | category-affinity |"))
    }

    /// Runs a program and returns its exit status and its merged output.
    private static func run(_ program: String, _ arguments: [String], in directory: URL) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
