import ArgumentParser
import Experiments
import Foundation
import Reporting

extension MetaRec {
    /// `metarec merge`: joins the results of a suite's shards into one report.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join the results of a suite's shards into one report.",
            discussion: """
                Refuses (exit 2) shards of different suites, plans, scenario files (SHA-256) or toolkit \
                versions, and a shard without its per_user.jsonl unless --allow-missing-per-user. Lists \
                cells that no shard computed (the report is then marked partial, exit 1) and cells \
                computed twice.
                """
        )

        @Argument(help: "The shards' results.json files (each with its per_user.jsonl beside it).")
        var results: [String]

        @Option(help: "Directory for the merged reports.")
        var out: String

        @Flag(help: "Merge a shard that has no per_user.jsonl beside it (its cells then lack per-user values).")
        var allowMissingPerUser = false

        func run() throws {
            try ReportBundle.prepare(URL(fileURLWithPath: out))
            let parts = try results.map { path -> ResultMerge.Part in
                let loaded = try ResultFiles.load(path)
                guard loaded.perUser != nil || allowMissingPerUser else {
                    throw InputError(
                        file: path,
                        message:
                            "no per_user.jsonl beside it; its cells would lack per-user values (pass --allow-missing-per-user to merge anyway)"
                    )
                }
                return ResultMerge.Part(source: path, results: loaded.results, perUser: loaded.perUser ?? [])
            }
            let merged: ResultMerge
            do {
                merged = try ResultMerge(parts)
            } catch let error as ComparisonError {
                throw InputError(file: results.joined(separator: ", "), message: error.reason)
            }
            let formats: Set<ReportFormat> = Set(ReportFormat.allCases)
            for url in try ReportBundle(results: merged.results, perUser: merged.perUser).write(
                to: URL(fileURLWithPath: out), formats: formats)
            where url.pathExtension != "svg" {
                print("wrote \(url.path)")
            }
            for cell in merged.duplicates {
                FileHandle.standardError.write(Data("duplicate cell (kept the first shard's): \(cell)\n".utf8))
            }
            for cell in merged.missing {
                FileHandle.standardError.write(Data("missing cell: \(cell)\n".utf8))
            }
            if !merged.missing.isEmpty { throw ExitCode(ExitStatus.failure) }
        }
    }
}
