import ArgumentParser
import Experiments
import Foundation
import RecData
import Reporting

/// The `metarec` command: offline evaluation of meta-learned recommenders.
@main
struct MetaRec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metarec",
        abstract: "Offline evaluation of meta-learned recommenders on simulated worlds.",
        discussion: """
            Exit codes: 0 success; 1 a cell failed (reports are still written); \
            2 bad input (usage, unreadable or invalid file); 3 internal failure.
            """,
        version: Toolkit.version,
        subcommands: [
            Run.self, Compare.self, Merge.self, Evaluate.self, Simulate.self, Calibrate.self, Validate.self,
            Schema.self, List.self, Cache.self,
        ]
    )

    /// Parses the arguments and runs the command, mapping every failure to the
    /// documented exit codes: usage errors and bad input exit 2, never 64 or a trap.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitAfterParsing(error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch let error as any UserFacingError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            switch exitCode(for: error) {
            case .success, .validationFailure:
                exitAfterParsing(error)
            default:
                FileHandle.standardError.write(Data("internal error: \(error)\n".utf8))
                Foundation.exit(ExitStatus.internalFailure)
            }
        }
    }

    /// Help and version requests print and exit 0; usage errors print and exit 2.
    private static func exitAfterParsing(_ error: any Error) -> Never {
        if exitCode(for: error) == .success {
            exit(withError: error)
        }
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.badInput)
    }
}

/// The exit codes of the design, as the library defines them.
typealias ExitStatus = ExitCodes
