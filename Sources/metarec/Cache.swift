import ArgumentParser
import Experiments
import Foundation

extension MetaRec {
    /// `metarec cache`: manages the result cache.
    struct Cache: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the result cache of finished cells.",
            subcommands: [Clear.self]
        )

        /// `metarec cache clear`: removes every cached cell and the suites' stored reports.
        struct Clear: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove every cached cell and the suites' stored reports.")

            @Option(help: "Directory of the result cache.")
            var cache: String = ResultCache.defaultDirectory.path

            func run() throws {
                let removed = try ResultCache(directory: URL(fileURLWithPath: cache)).clear()
                print("removed \(removed) cached cell(s) from \(cache)")
            }
        }
    }
}
