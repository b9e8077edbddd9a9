import Simulation

extension Calibration {
    /// The scenario's name: the dataset's name with characters scenario names do not
    /// allow replaced by `-`, then `-calibrated`.
    public var scenarioName: String { safeDatasetName + "-calibrated" }

    /// The dataset's name in the characters scenario names allow (and YAML reads plainly).
    private var safeDatasetName: String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        return String(dataset.map { allowed.contains($0) ? $0 : "-" })
    }

    /// The fitted world as a scenario file: every fitted key under `world:` with how it
    /// was fitted as a comment, the family's defaults for the rest, and a cold-start
    /// protocol with the random and popularity baselines.
    public func scenarioYAML() -> String {
        let rated = config.ratingThresholds != nil && real.feedbackMean != nil
        let watched = config.watchIntercept != nil && real.feedbackMean != nil
        var lines = [
            "# Calibrated by `metarec calibrate` against \(safeDatasetName) (\(real.users) users, \(real.items) items, "
                + "\(real.interactions) interactions).",
            "# Every key under world: was fitted; the comment says how. Keys left out keep the family's",
            "# defaults (Scenarios/\(family.rawValue).yaml lists them). The calibration report compares this",
            "# world (seed \(seed)) with the dataset.",
            "name: \(scenarioName)",
            "description: The \(family.rawValue) world calibrated against \(safeDatasetName).",
            "family: \(family.rawValue)",
            "seeds: [\(seed)]",
            "",
            "world:",
        ]
        let width = (parameters.map { $0.key.count + $0.value.count }.max() ?? 0) + 4
        for parameter in parameters {
            let entry = "  \(parameter.key): \(parameter.value)"
            lines.append(entry.padding(toLength: max(entry.count, width), withPad: " ", startingAt: 0) + " # " + parameter.method)
        }
        lines += ["", "protocols:", "  cold_start:", "    shots: [0, 1, 3, 5, 10]",
                  "    split: {train: 0.7, validation: 0.1, test: 0.2}", "    min_query: 5"]
        if rated { lines.append("    relevance_threshold: 4") }
        if watched { lines.append("    relevance_threshold: 0.6") }
        lines += ["", "models:", "  - random", "  - popularity", "",
                  "metrics: [" + (rated || watched ? "ndcg@10, hr@10, mae, rmse" : "ndcg@10, hr@10") + "]"]
        return lines.joined(separator: "\n") + "\n"
    }
}
