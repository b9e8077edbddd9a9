import Experiments
import Foundation
import Testing
import TestSupport

/// Writes scenario files into a fresh temporary directory for a test.
struct ScenarioFiles {
    let directory: URL

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("metarec-scenarios-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` and returns its path.
    func write(_ name: String, _ text: String) -> String {
        let url = directory.appendingPathComponent(name)
        try? Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes `text` to `name` (a fresh one by default) and loads it as one scenario.
    func load(_ text: String, name: String = "\(UUID().uuidString).yaml") throws -> ScenarioSpec {
        let path = write(name, text)
        guard case let .scenario(spec) = try ScenarioLoader().load(path) else {
            throw InputError(file: path, message: "not a scenario")
        }
        return spec
    }

    /// The input error loading `text` gives; `nil` when it loads, recorded as an issue when
    /// it fails with another error.
    func loadError(_ text: String, name: String = "\(UUID().uuidString).yaml") -> InputError? {
        do {
            _ = try load(text, name: name)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// A valid small scenario, with `extra` lines appended at the top level.
    static func valid(name: String = "tiny", extra: String = "") -> String {
        TestScenarios.tiny(
            name: name, models: "  - random\n  - name: popularity\n    params: {rating_damping: 2}", metrics: "[ndcg@5, mae]",
            extra: extra
        )
    }
}
