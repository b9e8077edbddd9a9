import Evaluation
import RecData
import Testing

@Suite("TREC qrels and runs")
struct TRECTests {
    private let qrelsText = """
        u1 0 a 2
        u1 0 b 0
        u1 0 c 1

        u2 0 a 1
        u3 0 d 0
        """

    @Test("qrels: grades by user and item, blank lines skipped")
    func qrels() throws {
        let qrels = try TRECQrels(text: qrelsText, file: "q.txt")
        #expect(qrels.users == ["u1", "u2", "u3"])
        #expect(qrels.judgments["u1"] == ["a": 2, "b": 0, "c": 1])
    }

    @Test("a run orders by score, then rank, then item")
    func runOrder() throws {
        let run = try TRECRun(
            text: """
                u1 Q0 x 3 0.5 sys
                u1 Q0 y 1 0.9 sys
                u1 Q0 b 2 0.5 sys
                u1 Q0 a 2 0.5 sys
                """, file: "r.txt")
        #expect(run.tag == "sys")
        #expect(run.rankings["u1"] == ["y", "a", "b", "x"])
        #expect(run.firstLines["u1"] == 1)
    }

    @Test(
        "malformed input names the file and line",
        arguments: [
            ("u1 Q0 a 1 0.5", 1, "expected 6 fields"),
            ("u1 Q0 a 1 0.5 s\nu1 Q0 a 2 0.4 s", 2, "ranked twice"),
            ("u1 Q0 a 1 nan s", 1, "not a number"),
            ("u1 Q0 a 1 inf s", 1, "infinite"),
            ("u1 Q0 a one 0.5 s", 1, "whole number"),
            ("u1 Q0 a 1 0.5 s\nu2 Q0 a 1 0.5 t", 2, "one run"),
        ])
    func badRuns(text: String, line: Int, fragment: String) {
        do {
            _ = try TRECRun(text: text, file: "r.txt")
            Issue.record("accepted a bad run")
        } catch let error as DataImportError {
            #expect(error.file == "r.txt")
            #expect(error.line == line)
            #expect(error.message.contains(fragment), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("bad qrels name the line")
    func badQrels() {
        #expect(
            throws: DataImportError(
                file: "q", line: 2, message: "item 'a' is judged twice for user 'u1' (first on line 1)")
        ) {
            try TRECQrels(text: "u1 0 a 1\nu1 0 a 2", file: "q")
        }
        #expect(throws: DataImportError(file: "q", line: 1, message: "relevance 'x' is not a finite number")) {
            try TRECQrels(text: "u1 0 a x", file: "q")
        }
        #expect(throws: DataImportError(file: "q", message: "the file holds no judgments")) {
            try TRECQrels(text: "\n\n", file: "q")
        }
    }

    @Test("evaluation: hand values, absent users score 0, users without relevance are skipped")
    func evaluation() throws {
        let qrels = try TRECQrels(text: qrelsText, file: "q.txt")
        // u1 ranks c, x, a: relevant c (grade 1) at 1 and a (grade 2) at 3; u2 is absent.
        let run = try TRECRun(text: "u1 Q0 c 1 0.9 sys\nu1 Q0 x 2 0.8 sys\nu1 Q0 a 3 0.7 sys", file: "r.txt")
        let evaluation = try TRECEvaluation(
            qrels: qrels, runs: [run], metrics: [.precision(k: 2), .reciprocalRank(k: nil), .coverage(k: 3)],
            reference: nil, resamples: 100, random: RandomSource(seed: 1)
        )
        let rows = evaluation.measurements["sys"] ?? []
        let precision = rows.first { $0.metric == .precision(k: 2) }
        #expect(precision?.n == 2)
        #expect(precision?.perUser.map(\.value) == [0.5, 0])
        #expect(precision?.value == 0.25)
        #expect(rows.first { $0.metric == .reciprocalRank(k: nil) }?.value == 0.5)
        // Items a, b, c, d, x; u1's list covers c, x, a; u2 has no list.
        let coverage = rows.first { $0.metric == .coverage(k: 3) }
        #expect(coverage?.value == 0.6)
        #expect(coverage?.n == 1)
        #expect(evaluation.warnings.count == 2)
        #expect(evaluation.warnings.contains { $0.contains("1 of 3 users have no relevant item") })
        #expect(evaluation.warnings.contains { $0.contains("1 of 2 evaluated users are absent") })
        #expect(evaluation.comparisons.isEmpty)
    }

    @Test("numeric user names are the user ids; others are numbered in sorted order")
    func userIDs() throws {
        let numeric = try TRECQrels(text: "17 0 a 1\n3 0 a 1", file: "q")
        let run = try TRECRun(text: "17 Q0 a 1 1 s", file: "r")
        let evaluation = try TRECEvaluation(
            qrels: numeric, runs: [run], metrics: [.hitRate(k: 1)], reference: nil, resamples: 0,
            random: RandomSource(seed: 1))
        #expect(evaluation.userIDs == ["17": UserID(17), "3": UserID(3)])
        #expect(evaluation.measurements["s"]?.first?.perUser.map(\.user) == [UserID(3), UserID(17)])
        let named = try TRECEvaluation(
            qrels: TRECQrels(text: "bob 0 a 1\nann 0 a 1", file: "q"),
            runs: [TRECRun(text: "bob Q0 a 1 1 s", file: "r")],
            metrics: [.hitRate(k: 1)], reference: nil, resamples: 0, random: RandomSource(seed: 1)
        )
        #expect(named.userIDs == ["ann": UserID(0), "bob": UserID(1)])
    }

    @Test("users missing from the qrels, shared tags, bad metrics and references are errors")
    func errors() throws {
        let qrels = try TRECQrels(text: qrelsText, file: "q.txt")
        let stranger = try TRECRun(text: "u1 Q0 a 1 1 s\nu9 Q0 a 1 1 s", file: "r.txt")
        let evaluate = { (runs: [TRECRun], metrics: [Metric], reference: String?) in
            try TRECEvaluation(
                qrels: qrels, runs: runs, metrics: metrics, reference: reference, resamples: 0,
                random: RandomSource(seed: 1))
        }
        #expect(throws: DataImportError.self) { try evaluate([stranger], [.auc], nil) }
        do {
            _ = try evaluate([stranger], [.auc], nil)
        } catch let error as DataImportError {
            #expect(error.line == 2)
        }
        let run = try TRECRun(text: "u1 Q0 a 1 1 s", file: "r.txt")
        #expect(throws: DataImportError.self) { try evaluate([run, run], [.auc], nil) }
        #expect(throws: EvaluationError.self) { try evaluate([run], [.novelty(k: 5)], nil) }
        #expect(throws: EvaluationError.unknownReference(name: "zz", available: ["s"])) {
            try evaluate([run], [.auc], "zz")
        }
    }

    @Test("several runs are compared with the reference")
    func comparisons() throws {
        let qrels = try TRECQrels(text: (1...12).map { "\($0) 0 a 1" }.joined(separator: "\n"), file: "q")
        let good = try TRECRun(text: (1...12).map { "\($0) Q0 a 1 1 good" }.joined(separator: "\n"), file: "g")
        let bad = try TRECRun(
            text: (1...12).map { "\($0) Q0 z 1 1 bad\n\($0) Q0 a 2 0.5 bad" }.joined(separator: "\n"), file: "b")
        let evaluation = try TRECEvaluation(
            qrels: qrels, runs: [bad, good], metrics: [.reciprocalRank(k: nil), .hitRate(k: 1)], reference: "good",
            resamples: 0, random: RandomSource(seed: 1)
        )
        #expect(evaluation.comparisons.count == 2)
        #expect(evaluation.comparisons.allSatisfy { $0.model == "bad" && $0.reference == "good" && $0.pairs == 12 })
        // Every user loses 0.5 in MRR and 1 in HR@1: W− is everything; exact p = 2 / 2^12.
        #expect(evaluation.comparisons.allSatisfy { $0.wilcoxon.pValue == 2.0 / 4096 })
        #expect(evaluation.comparisons.allSatisfy { $0.wilcoxonAdjustedP == 4.0 / 4096 })
        #expect(evaluation.comparisons.first?.meanDifference == -0.5)
    }
}
