import Experiments
import Foundation
import TestSupport
import Testing

/// Writes scenario files into a fresh temporary directory for a test.
struct ScenarioFiles {
    let directory: URL

    init() {
        directory = Scratch.directory("metarec-scenarios")
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

    /// RecBole files of 60 users × 20 rated interactions with 30 items (none repeated), in `data/` beside
    /// the scenarios; user 59 has only 5 interactions.
    func writeToyDataset() {
        var inter = "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
        for user in 0..<60 {
            for step in 0..<(user == 59 ? 5 : 20) {
                inter +=
                    "u\(user)\ti\((user * 7 + step * 3 + step / 10) % 30)\t\(1 + (user + step) % 5)\t\(step * 1000 + user)\n"
            }
        }
        let user = "user_id:token\tgroup:token\n" + (0..<60).map { "u\($0)\tg\($0 % 3)\n" }.joined()
        let item = "item_id:token\tclass:token_seq\n" + (0..<30).map { "i\($0)\tc\($0 % 4) c\($0 % 5)\n" }.joined()
        try? FileManager.default.createDirectory(
            at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        _ = write("data/toy.inter", inter)
        _ = write("data/toy.user", user)
        _ = write("data/toy.item", item)
    }

    /// A valid small scenario, with `extra` lines appended at the top level.
    static func valid(name: String = "tiny", extra: String = "") -> String {
        TestScenarios.tiny(
            name: name, models: "  - random\n  - name: popularity\n    params: {rating_damping: 2}",
            metrics: "[ndcg@5, mae]",
            extra: extra
        )
    }
}
