import Calibration
import Evaluation
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

    /// A watch fraction of at least this counts as relevant when a rated dataset is
    /// mapped onto watch fractions (ratings of 4 and 5 out of 5, roughly).
    static let watchedRelevance: Float = 0.6

    /// The fitted world as a scenario file, written through the schema: every fitted key
    /// under `world:` (the comment block says how each was fitted; keys left out keep the
    /// family's defaults) and the cold-start protocol with the random and popularity
    /// baselines.
    public func scenarioYAML() throws -> String {
        let rated = config.family == .ecommerce && real.feedbackMean != nil
        let watched = config.family == .video && real.feedbackMean != nil
        var protocolSettings = ColdStartConfig()
        if watched { protocolSettings.relevanceThreshold = Self.watchedRelevance }
        let metrics = ScenarioSchema.defaultMetrics.filter { rated || watched || Metric($0)?.family != .ratingAccuracy }

        var writer = ScenarioWriter()
        writer.add("name", .text(scenarioName))
        writer.add("description", .text("The \(family.rawValue) world calibrated against \(safeDatasetName)."))
        writer.add("family", .text(family.rawValue))
        writer.add("seeds", .list([.integer(Int(seed))]))
        writer.addWorld(config, keys: parameters.map(\.key))
        writer.addColdStart(
            protocolSettings, keys: ["shots", "split", "min_query"] + (rated || watched ? ["relevance_threshold"] : []))
        writer.add("models", .texts(["random", "popularity"]))
        writer.add("metrics", .texts(metrics))

        let width = parameters.map(\.key.count).max() ?? 0
        let methods = parameters.map {
            "  " + $0.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.method
        }
        return try writer.yaml(
            comments: [
                "Calibrated by `metarec calibrate` against \(safeDatasetName) (\(real.users) users, \(real.items) items, \(real.interactions) interactions).",
                "Every key under world: was fitted, as listed below. Keys left out keep the family's defaults",
                "(docs/scenario-reference.md lists them). The calibration report compares this world (seed \(seed))",
                "with the dataset.",
                "",
                "How each key was fitted:",
            ] + methods)
    }
}
