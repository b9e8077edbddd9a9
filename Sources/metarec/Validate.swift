import ArgumentParser
import Experiments

extension MetaRec {
    /// `metarec validate`: checks scenario and suite files without running them.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario and suite files without running them.",
            discussion: "Reports every bad file with its line and field; exits 2 if any is bad."
        )

        @Argument(help: "Scenario or suite YAML files to check.")
        var files: [String]

        func run() throws {
            let loader = ScenarioLoader()
            var failed = false
            for file in files {
                do {
                    let loaded = try loader.load(file)
                    let models = Set(loaded.scenarios.flatMap { $0.models.map(\.label) }).count
                    print("\(file): ok (\(loaded.scenarios.count) scenario(s), \(models) model(s))")
                } catch let error as InputError {
                    print("error: \(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode(ExitStatus.badInput) }
        }
    }
}
