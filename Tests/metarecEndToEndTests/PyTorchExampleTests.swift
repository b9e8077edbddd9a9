import Foundation
import Testing

/// Whether `python3` with `torch` can be run here.
private let torchAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import torch"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// The PyTorch MAML example through a quick scenario. PyTorch is not a requirement of the
/// toolkit or its CI: without it the test is skipped, saying so.
@Suite("Example: a PyTorch MAML model")
struct PyTorchExampleTests {
    @Test(
        "MAML in PyTorch runs through the process protocol and reports ranking and rating figures",
        .enabled(if: torchAvailable, "python3 with torch is not installed here (pip install torch to run it)"),
        .timeLimit(.minutes(10))
    )
    func maml() throws {
        let directory = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let examples = MetarecProcess.packageRoot.appendingPathComponent("Examples/python")
        let scenario = try String(contentsOf: examples.appendingPathComponent("maml.yaml"), encoding: .utf8)
            .replacingOccurrences(
                of: "[python3, maml_model.py]",
                with: "[python3, \(examples.appendingPathComponent("maml_model.py").path)]"
            )
            .replacingOccurrences(of: "epochs: 10", with: "epochs: 2")
            .replacingOccurrences(of: "users: 600", with: "users: 200")
        let path = directory.appendingPathComponent("maml.yaml")
        try Data(scenario.utf8).write(to: path)
        let out = directory.appendingPathComponent("out")
        let outcome = try MetarecProcess.run([
            "run", path.path, "--out", out.path, "--quiet", "--no-cache", "--format", "json",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let results =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json")))
            as? [String: Any]
        let rows = (results?["rows"] as? [[String: Any]] ?? []).filter { $0["model"] as? String == "maml-torch" }
        #expect(Set(rows.compactMap { $0["metric"] as? String }) == ["ndcg@10", "hr@10", "mae", "rmse"])
    }
}

@Suite("Example: Python sources")
struct PythonExampleSourceTests {
    @Test("Every Python example compiles, PyTorch or not")
    func compiles() throws {
        let examples = MetarecProcess.packageRoot.appendingPathComponent("Examples/python")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sys; [compile(open(p).read(), p, 'exec') for p in sys.argv[1:]]",
            "metarec_client.py", "popularity_model.py", "maml_model.py",
        ]
        process.currentDirectoryURL = examples
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
