import ArgumentParser
import Evaluation
import Experiments
import Foundation
import RecData
import Reporting

extension MetaRec {
    /// `metarec evaluate`: scores TREC-style runs of models trained elsewhere.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score TREC-style runs against qrels with the toolkit's metrics and paired tests.",
            discussion: """
                QRELS lines are 'user 0 item relevance'; RUN lines are 'user Q0 item rank score tag', \
                whitespace-separated, one run (tag) per file. Items rank by descending score, ties by \
                rank, then item name. Users in the qrels without a relevant item are skipped; users \
                absent from a run score 0 on every per-user metric; both are counted in warnings. A \
                run user missing from the qrels, a malformed line, a duplicate item or a NaN score is \
                an error naming the file and line (exit code 2). With several runs, each is compared \
                with the reference run by the Wilcoxon signed-rank test and the paired t-test on \
                per-user values, Holm-corrected over all comparisons.
                """
        )

        @Option(name: .customLong("truth"), help: "The qrels file.")
        var truth: String

        @Option(name: .customLong("run"), parsing: .upToNextOption, help: "One or more run files.")
        var runs: [String]

        @Option(help: "Comma-separated metrics (see 'metarec list metrics').")
        var metrics = "ndcg@10,hr@10,precision@10,recall@10,mrr,map@10"

        @Option(help: "The tag of the reference run for the paired tests (default: the first run).")
        var reference: String?

        @Option(help: "Directory for results.json, per_user.jsonl, comparisons.json and report.md.")
        var out: String?

        @Option(help: "Seed of the bootstrap resampling.")
        var seed: UInt64 = 1

        @Option(help: "Bootstrap resamples per confidence interval.")
        var resamples = 1000

        func validate() throws {
            guard !runs.isEmpty else { throw ValidationError("give at least one --run file") }
            guard resamples >= 0 else { throw ValidationError("--resamples must not be negative, got \(resamples)") }
            _ = try parsedMetrics()
        }

        /// The metrics named by `--metrics`, in order, without repeats.
        private func parsedMetrics() throws -> [Metric] {
            var parsed = [Metric]()
            for name in metrics.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !name.isEmpty {
                guard let metric = Metric(name) else {
                    throw ValidationError(
                        "unknown metric '\(name)'; known: \(Metric.catalog.map(\.pattern).joined(separator: ", "))")
                }
                if let reason = TRECEvaluation.unsupportedReason(metric) {
                    throw ValidationError("metric '\(name)' cannot be computed from TREC files: \(reason)")
                }
                if !parsed.contains(metric) { parsed.append(metric) }
            }
            guard !parsed.isEmpty else { throw ValidationError("--metrics names no metric") }
            return parsed
        }

        func run() throws {
            let started = Date()
            let metrics = try parsedMetrics()
            if let out { try ReportBundle.prepare(URL(fileURLWithPath: out)) }
            let qrels = try TRECQrels(path: truth)
            // Every metric looks at most this deep, so a run keeps no more of each ranking.
            let depth = metrics.allSatisfy { $0.cutoff != nil } ? metrics.compactMap(\.cutoff).max() : nil
            let runFiles = try runs.map { try TRECRun(path: $0, depth: depth) }
            let inputs = TRECReport.Inputs(
                qrels: truth,
                runs: Dictionary(runFiles.map { ($0.tag, $0.file) }, uniquingKeysWith: { first, _ in first }))
            let evaluation = try TRECEvaluation(
                qrels: qrels, runs: runFiles, metrics: metrics, reference: reference,
                resamples: resamples, random: RandomSource(seed: seed).stream("evaluate")
            )
            for warning in evaluation.warnings {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            let report = TRECReport(evaluation: evaluation, metrics: metrics, inputs: inputs, seed: seed)
            let text = report.markdown()
            print(text, terminator: "")
            if let out {
                let written = try report.write(
                    to: URL(fileURLWithPath: out), markdown: text, seconds: Date().timeIntervalSince(started))
                for url in written { FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8)) }
            }
        }
    }
}
