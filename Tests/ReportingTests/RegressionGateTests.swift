import Testing

@testable import Reporting

@Suite("Regression gate")
struct RegressionGateTests {
    /// Baseline: popularity at ndcg@10 0.25 and mae 0.80 over 20 users of one seed.
    private static func run(ndcg: Double, mae: Double, userShift: Double = 0, noise: Double = 0) -> RegressionGate.Run {
        let rows = [
            ReportFixtures.row("popularity", shots: 5, metric: "ndcg@10", value: ndcg),
            ReportFixtures.row("popularity", shots: 5, metric: "mae", value: mae),
        ]
        let perUser = (0..<20).flatMap { user -> [PerUserRecord] in
            let wobble = (user % 2 == 0 ? 1.0 : -1.0) * noise
            return [
                PerUserRecord(
                    scenario: "toy", protocolName: "cold-start", model: "popularity", seed: 1, segment: "all", shots: 5,
                    window: nil, metric: "ndcg@10", user: UInt32(user), value: ndcg + userShift + wobble),
                PerUserRecord(
                    scenario: "toy", protocolName: "cold-start", model: "popularity", seed: 1, segment: "all", shots: 5,
                    window: nil, metric: "mae", user: UInt32(user), value: mae),
            ]
        }
        return RegressionGate.Run(results: ResultSet(header: ReportFixtures.header, rows: rows), perUser: perUser)
    }

    /// A stand-in test: significant exactly when every difference has the same sign.
    private static let signTest: RegressionGate.PairedTest = { differences in
        differences.allSatisfy { $0 < 0 } || differences.allSatisfy { $0 > 0 } ? 0.001 : 0.9
    }

    private let gate = RegressionGate(tolerances: ToleranceSet(), pairedTest: signTest)
    private let baseline = run(ndcg: 0.25, mae: 0.80)

    private func verdicts(_ report: ComparisonReport) -> [String: Verdict] {
        Dictionary(uniqueKeysWithValues: report.comparisons.map { ($0.key.metric, $0.verdict) })
    }

    @Test("An unchanged candidate passes")
    func unchanged() throws {
        let report = try gate.compare(baseline: baseline, candidate: Self.run(ndcg: 0.25, mae: 0.80))
        #expect(verdicts(report) == ["ndcg@10": .unchanged, "mae": .unchanged])
        #expect(!report.failed)
    }

    @Test("An improvement in either direction is recognised")
    func improved() throws {
        let report = try gate.compare(baseline: baseline, candidate: Self.run(ndcg: 0.30, mae: 0.70))
        #expect(verdicts(report) == ["ndcg@10": .improved, "mae": .improved])
        #expect(!report.failed)
    }

    @Test("A consistent worsening beyond tolerance is a regression")
    func regressed() throws {
        let report = try gate.compare(baseline: baseline, candidate: Self.run(ndcg: 0.20, mae: 0.90))
        #expect(verdicts(report) == ["ndcg@10": .regressed, "mae": .regressed])
        #expect(report.failed)
        #expect(report.summary == "2 regressed")
    }

    @Test("A worsening beyond tolerance that the paired test finds insignificant is noise")
    func noise() throws {
        let report = try gate.compare(
            baseline: baseline, candidate: Self.run(ndcg: 0.20, mae: 0.80, userShift: 0.05, noise: 0.2))
        #expect(verdicts(report)["ndcg@10"] == .noise)
        #expect(!report.failed)
    }

    @Test("Without per-user values, tolerance alone decides")
    func withoutPerUser() throws {
        let candidate = RegressionGate.Run(results: Self.run(ndcg: 0.20, mae: 0.8).results, perUser: nil)
        let report = try gate.compare(baseline: baseline, candidate: candidate)
        #expect(verdicts(report)["ndcg@10"] == .regressed)
        #expect(report.comparisons.allSatisfy { $0.pValue == nil })
    }

    @Test("Tolerances are the larger of absolute and relative allowances, per metric")
    func tolerances() throws {
        #expect(Tolerance(absolute: 0.01, relative: 0.1).allowance(for: 0.5) == 0.05)
        #expect(Tolerance(absolute: 0.01, relative: 0.01).allowance(for: -0.5) == 0.01)
        let lenient = RegressionGate(
            tolerances: ToleranceSet(perMetric: ["ndcg@10": Tolerance(absolute: 0.1, relative: 0)]),
            pairedTest: Self.signTest)
        let report = try lenient.compare(baseline: baseline, candidate: Self.run(ndcg: 0.20, mae: 0.80))
        #expect(verdicts(report)["ndcg@10"] == .unchanged)
    }

    @Test("A figure missing from the candidate fails; a new one is listed")
    func missingAndAdded() throws {
        var candidate = Self.run(ndcg: 0.25, mae: 0.80).results
        candidate.rows[0].model = "renamed"
        let report = try gate.compare(
            baseline: baseline, candidate: RegressionGate.Run(results: candidate, perUser: nil))
        #expect(report.counts[.missing] == 1)
        #expect(report.counts[.added] == 1)
        #expect(report.failed)
    }

    @Test("Different scenarios or seeds cannot be compared, and the error says which")
    func incomparable() {
        var otherSeed = Self.run(ndcg: 0.25, mae: 0.80).results
        otherSeed.rows = otherSeed.rows.map {
            var row = $0
            row.seed = 2
            return row
        }
        #expect(throws: ComparisonError("scenario 'toy' ran seeds [1] in the baseline but [2] in the candidate")) {
            try gate.compare(baseline: baseline, candidate: RegressionGate.Run(results: otherSeed, perUser: nil))
        }
        var otherScenario = Self.run(ndcg: 0.25, mae: 0.80).results
        otherScenario.rows = otherScenario.rows.map {
            var row = $0
            row.scenario = "news"
            return row
        }
        #expect {
            try gate.compare(baseline: baseline, candidate: RegressionGate.Run(results: otherScenario, perUser: nil))
        } throws: { error in
            "\(error)".contains("only in baseline: toy") && "\(error)".contains("only in candidate: news")
        }
    }

    // MARK: - Renderings

    @Test("JUnit XML has one test case per figure and a failure per regression")
    func junit() throws {
        let report = try gate.compare(baseline: baseline, candidate: Self.run(ndcg: 0.20, mae: 0.80))
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="metarec compare" tests="2" failures="1">
              <testsuite name="metarec compare" tests="2" failures="1" errors="0" skipped="0">
                <testcase classname="toy/cold-start/popularity" name="mae K=5">
                  <system-out>unchanged: baseline 0.8000, candidate 0.8000, delta +0.0000, allowed 0.0080, p = 0.9000 over 20 pairs</system-out>
                </testcase>
                <testcase classname="toy/cold-start/popularity" name="ndcg@10 K=5">
                  <failure message="regressed: baseline 0.2500, candidate 0.2000, delta -0.0500, allowed 0.0050, p = 0.0010 over 20 pairs" type="regressed"/>
                </testcase>
              </testsuite>
            </testsuites>

            """
        #expect(report.junitXML() == expected)
    }

    @Test("Markdown lists what changed for a pull-request comment")
    func markdown() throws {
        let report = try gate.compare(baseline: baseline, candidate: Self.run(ndcg: 0.20, mae: 0.80))
        let text = report.markdown()
        #expect(text.hasPrefix("### MetaRecSim regression gate: ❌ failed\n\n1 regressed, 1 unchanged.\n"))
        #expect(
            text.contains(
                "| regressed | toy/cold-start/popularity | ndcg@10 K=5 | 0.2500 | 0.2000 | -0.0500 | 0.0010 |"))
        #expect(!text.contains("| unchanged |"))
    }

    @Test("The console table aligns columns and ends with the counts")
    func table() throws {
        let report = try gate.compare(baseline: baseline, candidate: Self.run(ndcg: 0.25, mae: 0.80))
        let lines = report.table().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("verdict    scenario/protocol/model"))
        #expect(lines[1].hasPrefix("UNCHANGED  toy/cold-start/popularity"))
        #expect(lines.last(where: { !$0.isEmpty }) == "2 unchanged")
    }
}
