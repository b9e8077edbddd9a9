import ArgumentParser
import Evaluation
import Experiments
import Foundation
import Reporting

extension MetaRec {
    /// `metarec compare`: the regression gate.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a candidate run with a baseline run and fail on regressions.",
            discussion: """
                Each figure (mean over seeds of a scenario, protocol, model, segment, K and metric) is \
                checked in its metric's better direction. A worsening beyond tolerance (default: the \
                larger of 0.005 absolute and 1 % relative) is a regression when a Wilcoxon signed-rank \
                test on the same users and seeds (from per_user.jsonl beside each results.json) gives \
                p < alpha (default 0.05), and noise otherwise; without per-user values tolerance alone \
                decides. A per_user.jsonl that does not hold the values behind its results.json (another \
                run's, edited, users missing or repeated) and a partial run are refused. Exit codes: \
                0 nothing regressed, 1 something regressed or went missing, 2 the inputs cannot be read \
                or compared.
                """
        )

        @Argument(help: "The baseline's results.json.")
        var baseline: String

        @Argument(help: "The candidate's results.json.")
        var candidate: String

        @Option(help: "A YAML file of tolerances (default, alpha, per-metric).")
        var tolerances: String?

        @Option(help: "Write a JUnit XML report here (one test case per figure).")
        var junit: String?

        @Option(help: "Write a Markdown summary here, fit for a pull-request comment.")
        var markdown: String?

        @Flag(help: "Compare partial runs (interrupted, or merged from too few shards) on the cells present in both.")
        var allowPartial = false

        @Flag(help: "Print only the summary line, not the table.")
        var quiet = false

        func run() throws {
            let tolerances = try self.tolerances.map { try ToleranceLoader().load($0) } ?? ToleranceSet()
            let base = try ResultFiles.load(baseline)
            let cand = try ResultFiles.load(candidate)
            let gate = RegressionGate(tolerances: tolerances) { WilcoxonSignedRank(differences: $0).pValue }
            let report: ComparisonReport
            do {
                report = try gate.compare(
                    baseline: .init(results: base.results, perUser: base.perUser),
                    candidate: .init(results: cand.results, perUser: cand.perUser),
                    allowPartial: allowPartial
                )
            } catch let error as ComparisonError {
                throw InputError(file: "\(baseline) vs \(candidate)", message: error.reason)
            }
            if let junit { try AtomicFile.write(Data(report.junitXML().utf8), to: URL(fileURLWithPath: junit)) }
            if let markdown { try AtomicFile.write(Data(report.markdown().utf8), to: URL(fileURLWithPath: markdown)) }
            print(quiet ? report.summary : report.table(), terminator: quiet ? "\n" : "")
            if report.failed { throw ExitCode(ExitStatus.failure) }
        }
    }
}
