import Experiments
import Recommenders

/// Loads every file named on the command line, stopping at the first bad one.
func loadFiles(_ paths: [String], registry: ModelRegistry = .builtIn) throws -> [LoadedFile] {
    let loader = ScenarioLoader(registry: registry)
    return try paths.map(loader.load)
}
