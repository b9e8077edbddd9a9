import ArgumentParser
import Experiments
import Foundation
import RecData

extension MetaRec {
    /// `metarec validate`: checks scenario and suite files without running them.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario and suite files without running them.",
            discussion: """
                Reports every bad file with its line and field on standard error, and two scenario \
                files with the same name, which 'run' refuses too; exits 2 if any is bad.
                """
        )

        @Argument(help: "Scenario or suite YAML files to check.")
        var files: [String]

        func run() throws {
            let loader = ScenarioLoader()
            var failed = false
            var valid = [LoadedFile]()
            for file in files {
                do {
                    let loaded = try loader.load(file)
                    let models = Set(loaded.scenarios.flatMap { $0.models.map(\.label) }).count
                    print("\(file): ok (\(loaded.scenarios.count) scenario(s), \(models) model(s))")
                    valid.append(loaded)
                } catch let error as any UserFacingError {
                    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                    failed = true
                }
            }
            do {
                try LoadedFile.checkDistinctNames(valid, sameFileAllowed: true)
            } catch let error as InputError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                failed = true
            }
            if failed { throw ExitCode(ExitStatus.badInput) }
        }
    }
}
