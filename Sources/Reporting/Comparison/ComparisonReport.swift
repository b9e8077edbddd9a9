import Foundation

/// The gate's findings, and their renderings as a console table, JUnit XML and Markdown.
public struct ComparisonReport: Hashable, Sendable {
    /// Every compared figure, in key order.
    public let comparisons: [MetricComparison]
    /// The tolerances used.
    public let tolerances: ToleranceSet
    /// What was left out of the comparison and why (a partial input), or `nil`.
    public var note: String?

    /// Whether any figure regressed or went missing.
    public var failed: Bool { comparisons.contains { $0.verdict.fails } }

    /// How many figures got each verdict.
    public var counts: [Verdict: Int] {
        Dictionary(grouping: comparisons, by: \.verdict).mapValues(\.count)
    }

    /// `3 regressed, 1 noise, 40 unchanged, 2 improved`, listing only verdicts that occur.
    public var summary: String {
        let order: [Verdict] = [.regressed, .missing, .noise, .unchanged, .improved, .added]
        let counts = self.counts
        let verdicts = order.compactMap { verdict in counts[verdict].map { "\($0) \(verdict.rawValue)" } }.joined(
            separator: ", ")
        return note.map { "\(verdicts) (\($0))" } ?? verdicts
    }

    // MARK: - Console

    /// A plain-text table, one line per figure, widest columns padded.
    public func table() -> String {
        let header = ["verdict", "scenario/protocol/model", "figure", "baseline", "candidate", "delta", "allowed", "p"]
        let rows = comparisons.map { comparison in
            [
                comparison.verdict.rawValue.uppercased(), comparison.key.group, comparison.key.label,
                Self.number(comparison.baseline), Self.number(comparison.candidate), Self.signed(comparison.delta),
                Self.number(comparison.allowance), comparison.pValue.map { String(format: "%.4f", $0) } ?? "–",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let lines = ([header] + rows).map { cells in
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return (lines + ["", summary]).joined(separator: "\n") + "\n"
    }

    // MARK: - JUnit

    /// JUnit XML with one test case per compared figure; regressions and missing figures
    /// are failures, so CI systems show them natively.
    public func junitXML() -> String {
        let failures = comparisons.filter(\.verdict.fails).count
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="metarec compare" tests="\#(comparisons.count)" failures="\#(failures)">"#,
            #"  <testsuite name="metarec compare" tests="\#(comparisons.count)" failures="\#(failures)" errors="0" skipped="0">"#,
        ]
        for comparison in comparisons {
            let open =
                #"    <testcase classname="\#(Self.escape(comparison.key.group))" name="\#(Self.escape(comparison.key.label))""#
            let detail = Self.escape(describe(comparison))
            lines.append(open + ">")
            lines.append(
                comparison.verdict.fails
                    ? #"      <failure message="\#(detail)" type="\#(comparison.verdict.rawValue)"/>"#
                    : "      <system-out>\(detail)</system-out>"
            )
            lines.append("    </testcase>")
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Markdown

    /// A Markdown summary fit for a pull-request comment: the verdict counts, then a table of
    /// every figure that is not unchanged.
    public func markdown() -> String {
        var lines = ["### MetaRecSim regression gate: \(failed ? "❌ failed" : "✅ passed")", "", summary + ".", ""]
        let notable = comparisons.filter { $0.verdict != .unchanged }
        if notable.isEmpty {
            lines.append("Every figure is within tolerance.")
        } else {
            lines.append("| verdict | scenario/protocol/model | figure | baseline | candidate | delta | p |")
            lines.append("|---|---|---|---|---|---|---|")
            for comparison in notable {
                lines.append(
                    "| \(comparison.verdict.rawValue) | \(comparison.key.group) | \(comparison.key.label) | "
                        + "\(Self.number(comparison.baseline)) | \(Self.number(comparison.candidate)) | "
                        + "\(Self.signed(comparison.delta)) | \(comparison.pValue.map { String(format: "%.4f", $0) } ?? "–") |"
                )
            }
        }
        lines += [
            "",
            "Tolerance: the larger of an absolute and a relative allowance per metric; a worsening beyond it "
                + "counts as a regression only when a paired test on the same users and seeds gives p < \(tolerances.alpha).",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Formatting

    private func describe(_ comparison: MetricComparison) -> String {
        var text =
            "\(comparison.verdict.rawValue): baseline \(Self.number(comparison.baseline)), candidate \(Self.number(comparison.candidate))"
        if let delta = comparison.delta {
            text += ", delta \(Self.signed(delta)), allowed \(Self.number(comparison.allowance))"
        }
        if let p = comparison.pValue { text += String(format: ", p = %.4f over %d pairs", p, comparison.pairs) }
        return text
    }

    private static func number(_ value: Double?) -> String {
        value.map { String(format: "%.4f", $0) } ?? "–"
    }

    private static func signed(_ value: Double?) -> String {
        value.map { String(format: "%+.4f", $0) } ?? "–"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
