import Foundation
import MetaRecSim

// Usage (from the repository root): CustomModel [scenario-or-suite.yaml ...] [--out DIR]
// Runs the scenarios (by default the repository's quickstart) with category-affinity added
// to each, writes the reports and prints the model's figures at the largest K.

var arguments = Array(CommandLine.arguments.dropFirst())
var output = URL(fileURLWithPath: "Reports/custom-model")
if let flag = arguments.firstIndex(of: "--out"), flag + 1 < arguments.count {
    output = URL(fileURLWithPath: arguments[flag + 1])
    arguments.removeSubrange(flag...(flag + 1))
}
let files = arguments.isEmpty ? ["Scenarios/quickstart.yaml"] : arguments

var runner = ScenarioRunner(options: RunOptions(jobs: 2))
runner.register(CategoryAffinity.descriptor)

do {
    let run = try await runner.run(files, writingReportsTo: output)
    let largest = run.results.rows.compactMap(\.shots).max()
    for row in run.results.rows where row.segment == UserSegments.all && row.shots == largest && row.protocolName == ColdStartProtocol.name {
        print("\(row.scenario)  \(row.model)  K=\(row.shots ?? 0)  \(row.metric) = \(String(format: "%.4f", row.value))")
    }
    for failure in run.failures {
        print("failed: \(failure.model): \(failure.error ?? "")")
    }
    print("reports in \(output.path)")
    exit(run.failures.isEmpty ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
