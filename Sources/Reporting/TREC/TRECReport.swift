import Evaluation
import Foundation

/// Renders and writes a TREC-style evaluation (`metarec evaluate`): the metrics as
/// `results.json` rows (protocol `trec`) with `per_user.jsonl`, the paired tests as
/// `comparisons.json`, and both as `report.md`.
public struct TRECReport: Sendable {
    /// The files an evaluation read.
    public struct Inputs: Sendable {
        /// The qrels file.
        public let qrels: String
        /// Each run's file, by tag.
        public let runs: [String: String]

        /// Names the files.
        public init(qrels: String, runs: [String: String]) {
            self.qrels = qrels
            self.runs = runs
        }
    }

    /// The evaluation.
    public let evaluation: TRECEvaluation
    /// The metrics, in the report's column order.
    public let metrics: [Metric]
    /// The files it read.
    public let inputs: Inputs
    /// The seed of the bootstrap resampling.
    public let seed: UInt64

    /// Creates a report.
    public init(evaluation: TRECEvaluation, metrics: [Metric], inputs: Inputs, seed: UInt64) {
        self.evaluation = evaluation
        self.metrics = metrics
        self.inputs = inputs
        self.seed = seed
    }

    /// The scenario name the rows carry: the qrels file's name without its extension.
    private var scenario: String {
        URL(fileURLWithPath: inputs.qrels).deletingPathExtension().lastPathComponent
    }

    // MARK: - Markdown

    /// The report as Markdown: a table of the runs' metrics with their intervals, the
    /// paired comparisons against the reference, and the warnings.
    public func markdown() -> String {
        let runList = evaluation.runs.map { "`\($0)` (\(inputs.runs[$0] ?? ""))" }.joined(separator: ", ")
        var lines = [
            "# metarec evaluate: \(inputs.qrels)", "",
            "Runs \(runList); reference `\(evaluation.reference)`. Values are means over users with "
                + "95 % bootstrap intervals (seed \(seed)); list-level metrics use a jackknife interval.", "",
            "| run | n | " + metrics.map(\.description).joined(separator: " | ") + " |",
            "|---|---|" + String(repeating: "---|", count: metrics.count),
        ]
        for run in evaluation.runs {
            let rows = evaluation.measurements[run] ?? []
            let n = rows.first { $0.metric.isPerUser }?.n ?? rows.first?.n ?? 0
            let cells = metrics.map { metric in
                rows.first { $0.metric == metric }.map {
                    "\(format($0.value)) [\(format($0.ciLow)), \(format($0.ciHigh))]"
                } ?? "–"
            }
            lines.append("| \(run) | \(n) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        if !evaluation.comparisons.isEmpty {
            lines += [
                "## Paired comparisons against `\(evaluation.reference)`", "",
                "Two-sided Wilcoxon signed-rank test and paired t-test on per-user values (difference = run − reference); "
                    + "p-values Holm-corrected over all \(evaluation.comparisons.count) comparisons.", "",
                "| run | metric | pairs | mean difference | Wilcoxon p | Wilcoxon p (Holm) | t-test p | t-test p (Holm) | Cohen's d_z | rank-biserial r |",
                "|---|---|---|---|---|---|---|---|---|---|",
            ]
            for comparison in evaluation.comparisons {
                let cells = [
                    comparison.model, comparison.figure, "\(comparison.pairs)", format(comparison.meanDifference),
                    formatP(comparison.wilcoxon.pValue) + (comparison.wilcoxon.method == .exact ? " (exact)" : ""),
                    formatP(comparison.wilcoxonAdjustedP), formatP(comparison.tTest.pValue),
                    formatP(comparison.tTestAdjustedP),
                    format(comparison.cohensD), format(comparison.rankBiserial),
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        if !evaluation.warnings.isEmpty {
            lines += ["## Warnings", ""] + evaluation.warnings.map { "- \($0)" } + [""]
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4f", value) : (value > 0 ? "inf" : "-inf")
    }

    private func formatP(_ p: Double) -> String {
        p < 1e-4 ? String(format: "%.1e", p) : String(format: "%.4f", p)
    }

    // MARK: - Files

    /// Writes every file into `directory` (created if missing), each atomically, and
    /// returns them; `seconds` is the evaluation's duration for the header.
    public func write(to directory: URL, markdown: String, seconds: Double) throws -> [URL] {
        let measured = self.measured
        var written = try ReportBundle(results: results(measured.rows, seconds: seconds), perUser: measured.perUser)
            .write(to: directory, formats: [.json])
        let comparisonsURL = directory.appendingPathComponent("comparisons.json")
        try AtomicFile.write(try comparisonsJSON(), to: comparisonsURL)
        let reportURL = directory.appendingPathComponent("report.md")
        try AtomicFile.write(Data(markdown.utf8), to: reportURL)
        written += [comparisonsURL, reportURL]
        return written
    }

    /// Every run's rows and per-user values, run after run.
    private var measured: (rows: [ResultRow], perUser: [PerUserRecord]) {
        evaluation.runs.reduce(into: ([ResultRow](), [PerUserRecord]())) { result, run in
            let measured = MeasuredResults(
                scenario: scenario, model: run, seed: seed, measurements: evaluation.measurements[run] ?? [])
            result.0 += measured.rows
            result.1 += measured.perUser
        }
    }

    private func results(_ rows: [ResultRow], seconds: Double) -> ResultSet {
        let header = ResultHeader(
            schemaVersion: ResultSet.schemaVersion, toolkitVersion: Toolkit.version, gitCommit: nil, suite: "evaluate",
            scenarios: [], seeds: [seed], host: .current,
            timings: ResultHeader.Timings(
                started: ISO8601DateFormatter().string(from: Date()), totalSeconds: seconds, cells: []),
            libraries: [:]
        )
        return ResultSet(header: header, rows: rows)
    }

    // MARK: - comparisons.json

    private struct ComparisonRecord: Encodable {
        let metric: String
        let run: String
        let reference: String
        let pairs: Int
        let meanDifference: Double
        let wilcoxon: Wilcoxon
        let tTest: TTest
        let cohensD: Double
        let rankBiserial: Double

        struct Wilcoxon: Encodable {
            let positiveRankSum: Double
            let negativeRankSum: Double
            let nonZeroPairs: Int
            let z: Double?
            let method: WilcoxonSignedRank.Method
            let p: Double
            let pHolm: Double

            enum CodingKeys: String, CodingKey {
                case positiveRankSum = "w_plus"
                case negativeRankSum = "w_minus"
                case nonZeroPairs = "n"
                case z, method, p
                case pHolm = "p_holm"
            }
        }

        struct TTest: Encodable {
            let t: Double
            let degreesOfFreedom: Int
            let p: Double
            let pHolm: Double

            enum CodingKeys: String, CodingKey {
                case t
                case degreesOfFreedom = "df"
                case p
                case pHolm = "p_holm"
            }
        }

        enum CodingKeys: String, CodingKey {
            case metric, run, reference, pairs
            case meanDifference = "mean_difference"
            case wilcoxon
            case tTest = "t_test"
            case cohensD = "cohens_d"
            case rankBiserial = "rank_biserial"
        }
    }

    private func comparisonsJSON() throws -> Data {
        let records = evaluation.comparisons.map { comparison in
            ComparisonRecord(
                metric: comparison.figure, run: comparison.model, reference: comparison.reference,
                pairs: comparison.pairs,
                meanDifference: comparison.meanDifference,
                wilcoxon: .init(
                    positiveRankSum: comparison.wilcoxon.positiveRankSum,
                    negativeRankSum: comparison.wilcoxon.negativeRankSum,
                    nonZeroPairs: comparison.wilcoxon.n, z: comparison.wilcoxon.z, method: comparison.wilcoxon.method,
                    p: comparison.wilcoxon.pValue, pHolm: comparison.wilcoxonAdjustedP
                ),
                tTest: .init(
                    t: comparison.tTest.t, degreesOfFreedom: comparison.tTest.degreesOfFreedom,
                    p: comparison.tTest.pValue, pHolm: comparison.tTestAdjustedP
                ),
                cohensD: comparison.cohensD, rankBiserial: comparison.rankBiserial
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(records)
    }
}
