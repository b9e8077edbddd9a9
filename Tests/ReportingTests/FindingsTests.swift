import Evaluation
import Foundation
import TestSupport
import Testing

@testable import Reporting

/// Findings on constructed results whose answer is known: a meta-learner that leads from
/// K = 5 and in onboarding from round 3, with a true effect of +0.05, and two identical
/// models under two labels.
@Suite("Findings")
struct FindingsTests {
    static let metric = "oracle_ndcg@10"
    static let seeds: [UInt64] = [1, 2, 3]
    static let users = 0..<60

    /// A user's deterministic spread around a model's level: ± `scale` / 10 on alternate
    /// users, so that it averages to exactly zero over the users of a seed.
    static func noise(_ user: Int, _ seed: UInt64, scale: Double) -> Double {
        (user + Int(seed)).isMultiple(of: 2) ? 0.1 * scale : -0.1 * scale
    }

    static func header(models: [String], baselines: [String], metaLearners: [String], variants: [ModelVariant] = [])
        -> ResultHeader
    {
        ResultHeader(
            schemaVersion: ResultSet.schemaVersion, toolkitVersion: "9.9.9", gitCommit: nil, suite: "findings",
            scenarios: [
                .init(
                    name: "world", path: "Scenarios/world.yaml", sha256: "00", models: models, metrics: [metric],
                    baselines: baselines, metaLearners: metaLearners, variants: variants.isEmpty ? nil : variants
                )
            ],
            seeds: seeds, host: .init(name: "host", operatingSystem: "Linux", cores: 2),
            timings: .init(
                started: "2026-01-01T00:00:00Z", totalSeconds: 1,
                cells: models.flatMap { model in
                    seeds.map {
                        .init(scenario: "world", model: model, seed: $0, seconds: model == "maml" ? 4 : 1, error: nil)
                    }
                }),
            libraries: [:]
        )
    }

    /// Rows and per-user values of `model` at the cold-start Ks and onboarding rounds, its
    /// level at each point given by `level`.
    static func measured(
        _ model: String, shots: [Int], rounds: [Int], windows: [Int], level: (_ axis: String, _ point: Int) -> Double,
        seedLevel: (UInt64) -> Double = { _ in 0 }
    ) -> (rows: [ResultRow], perUser: [PerUserRecord], onboarding: [OnboardingFigure], drift: [DriftFigure]) {
        var rows = [ResultRow]()
        var perUser = [PerUserRecord]()
        var onboarding = [OnboardingFigure]()
        var drift = [DriftFigure]()
        // Identical models (equal levels) get identical values; the others differ user by user.
        let scale: Double =
            ["maml": 1.5, "maml (copy)": 1.5, "melu": 0.5, "popularity": 0.8, "reptile": 1.2][model] ?? 1
        for seed in seeds {
            func value(_ axis: String, _ point: Int) -> Double { level(axis, point) + seedLevel(seed) }
            for k in shots {
                let value = value("K", k)
                rows.append(
                    ResultRow(
                        scenario: "world", protocolName: "cold-start", model: model, seed: seed, segment: "all",
                        shots: k,
                        window: nil, metric: metric, value: value, ciLow: value - 0.01, ciHigh: value + 0.01,
                        n: users.count
                    ))
                if k == shots.last {
                    rows.append(
                        ResultRow(
                            scenario: "world", protocolName: "cold-start", model: model, seed: seed,
                            segment: "validation", shots: k,
                            window: nil, metric: metric, value: value, ciLow: value, ciHigh: value, n: users.count
                        ))
                    perUser += users.map {
                        PerUserRecord(
                            scenario: "world", protocolName: "cold-start", model: model, seed: seed, segment: "all",
                            shots: k,
                            window: nil, metric: metric, user: UInt32($0), value: value + noise($0, seed, scale: scale)
                        )
                    }
                }
            }
            for round in rounds {
                let value = value("round", round)
                rows.append(
                    ResultRow(
                        scenario: "world", protocolName: "onboarding", model: model, seed: seed, segment: "all",
                        shots: 0,
                        window: nil, round: round, metric: metric, value: value, ciLow: value - 0.01,
                        ciHigh: value + 0.01, n: users.count
                    ))
                perUser += users.map {
                    PerUserRecord(
                        scenario: "world", protocolName: "onboarding", model: model, seed: seed, segment: "all",
                        shots: 0,
                        window: nil, round: round, metric: metric, user: UInt32($0),
                        value: value + noise($0, seed, scale: scale)
                    )
                }
            }
            for window in windows {
                let value = value("window", window)
                rows.append(
                    ResultRow(
                        scenario: "world", protocolName: "drift", model: model, seed: seed, segment: "all", shots: nil,
                        window: window, metric: metric, value: value, ciLow: value - 0.01, ciHigh: value + 0.01,
                        n: users.count
                    ))
                perUser += users.map {
                    PerUserRecord(
                        scenario: "world", protocolName: "drift", model: model, seed: seed, segment: "all", shots: nil,
                        window: window, metric: metric, user: UInt32($0), value: value + noise($0, seed, scale: scale)
                    )
                }
            }
            if !windows.isEmpty {
                // The event in window 2: maml dips 0.10 and recovers in 2 windows, the others 0.05 in 1.
                let dip = model == "maml" ? (0.10, 2) : (0.05, 1)
                drift.append(
                    DriftFigure(
                        scenario: "world", model: model, seed: seed, metric: metric,
                        meanOverWindows: windows.map { value("window", $0) }.reduce(0, +) / Double(windows.count),
                        oracleCurve: [],
                        cumulativeRegret: nil,
                        shifts: [
                            .init(
                                window: 2, label: "sudden switch", preShiftLevel: 0.3, dipDepth: dip.0,
                                recoveryWindows: dip.1)
                        ],
                        gapSlope: model == "maml" ? -0.01 : 0.02
                    ))
            }
            if !rounds.isEmpty {
                let mean = rounds.map { value("round", $0) }.reduce(0, +) / Double(rounds.count)
                onboarding.append(
                    OnboardingFigure(
                        scenario: "world", model: model, seed: seed, shots: 0, metric: metric, meanOverRounds: mean,
                        oracleCurve: [],
                        cumulativeRegret: 0, cumulativeRegretLow: 0, cumulativeRegretHigh: 0, roundsToReach: nil,
                        roundsToReachLow: nil,
                        roundsToReachHigh: nil, hasReach: true
                    ))
            }
        }
        return (rows, perUser, onboarding, drift)
    }

    static func results(
        models: [(name: String, level: (String, Int) -> Double)], baselines: [String], metaLearners: [String],
        shots: [Int] = [0, 1, 3, 5, 10], rounds: [Int] = [1, 2, 3, 4, 5], windows: [Int] = [],
        variants: [ModelVariant] = [], seedLevels: [String: (UInt64) -> Double] = [:]
    ) -> ResultSet {
        let parts = models.map {
            measured(
                $0.name, shots: shots, rounds: rounds, windows: windows, level: $0.level,
                seedLevel: seedLevels[$0.name] ?? { _ in 0 })
        }
        let results = ResultSet(
            header: header(
                models: models.map(\.name), baselines: baselines, metaLearners: metaLearners, variants: variants),
            rows: parts.flatMap(\.rows), drift: parts.flatMap(\.drift), onboarding: parts.flatMap(\.onboarding)
        )
        return results.testingSignificance(perUser: parts.flatMap(\.perUser))
    }

    /// maml trails als below K = 5 and leads by 0.05 from K = 5; in onboarding it leads
    /// from round 3; melu is a weaker meta-learner, popularity a weaker baseline.
    static var leading: ResultSet {
        results(
            models: [
                ("popularity", { _, _ in 0.20 }),
                ("als", { _, _ in 0.30 }),
                ("maml", { axis, point in axis == "K" ? (point >= 5 ? 0.35 : 0.25) : (point >= 3 ? 0.38 : 0.28) }),
                ("melu", { _, _ in 0.22 }),
            ],
            baselines: ["popularity", "als"], metaLearners: ["maml", "melu"]
        )
    }

    @Test("A meta-learner that leads from K = 5 with a significant pooled effect is reported so")
    func leadsFromK5() throws {
        let world = try #require(Self.leading.findings.worlds.first)
        let coldStart = try #require(world.protocols.first { $0.axis == .shots })
        #expect(coldStart.metaLearner == "maml" && coldStart.baseline == "als")
        #expect(coldStart.verdict == .win)
        #expect(coldStart.effect.adjustedP < 0.05)
        #expect(abs(coldStart.effect.effect - 0.05) < 1e-9)
        #expect(coldStart.effect.ciLow > 0 && coldStart.effect.ciLow < 0.05 && coldStart.effect.ciHigh > 0.05)
        #expect(coldStart.leadsFrom == 5)
        #expect(coldStart.effect.seeds == 3 && coldStart.effect.pairs == 180)
        #expect(coldStart.cost.metaSeconds == 4 && coldStart.cost.baselineSeconds == 1)
        let text = Self.leading.findings.markdown()
        #expect(text.contains("maml beats als at K = 10: shift +0.0500 [+0.0"))
        #expect(text.contains("Its mean leads from K = 5 on ([curve](#world-cold-start))."))
        #expect(text.contains("(3 seeds, 180 pairs); mean difference +0.0500, seed spread [+0.0"))
        #expect(text.contains("; 0.3500 against 0.3000."))
        // Half the users gain 0.10 and half nothing: the test's shift is the middle, 0.05, and
        // any other shift leaves one half all ranked above the other, which the test rejects.
        let shift = try #require(coldStart.shift)
        #expect(abs(shift.estimate - 0.05) < 1e-9)
        #expect(abs((shift.low ?? 0) - 0.05) < 1e-6 && abs((shift.high ?? 0) - 0.05) < 1e-6)
        #expect(text.contains("### world: meta-learning helps new users (cold start, onboarding)"))
        let plain = Self.leading.findings.markdown(links: false)
        #expect(!plain.contains("](#") && !plain.contains("(curve)") && !plain.contains("findings-cost"))
        #expect(plain.contains("Its mean leads from K = 5 on.") && plain.contains("**Cost**: maml 4.0 s per cell"))
    }

    @Test("Cost: cell seconds always; fit and adaptation latency when the results measure them")
    func cost() throws {
        let plain = Self.leading.findings.markdown()
        #expect(plain.contains("**Cost** ([cells](#findings-cost)): maml 4.0 s per cell; als 1.0 s"))
        #expect(plain.contains("Adaptation latency per user is not in these results."))
        var results = Self.leading
        for (model, p50) in [("maml", 2.5), ("als", 0.5)] {
            for seed in Self.seeds {
                results.rows.append(
                    ResultRow(
                        scenario: "world", protocolName: "cold-start", model: model, seed: seed, segment: "all",
                        shots: 10,
                        window: nil, metric: "adapt_ms_p50", value: p50, ciLow: p50, ciHigh: p50, n: 60
                    ))
            }
        }
        results.findings = Findings(results: results, perUser: [])
        let finding = try #require(results.findings.worlds.first?.protocols.first { $0.axis == .shots })
        #expect(finding.cost.latency == [LatencyFigure(metric: "adapt_ms_p50", meta: 2.5, baseline: 0.5)])
        #expect(results.findings.markdown().contains("Measured at K = 10: adapt_ms_p50 2.5 against 0.5."))
    }

    @Test("Onboarding: the round from which the meta-learner leads and its pooled effect over rounds")
    func onboardingLead() throws {
        let world = try #require(Self.leading.findings.worlds.first)
        let onboarding = try #require(world.protocols.first { $0.axis == .round })
        #expect(onboarding.metaLearner == "maml" && onboarding.baseline == "als")
        #expect(onboarding.leadsFrom == 3)
        // Mean over rounds: (0.28 · 2 + 0.38 · 3) / 5 − 0.30 = 0.04, the same for every user.
        #expect(abs(onboarding.effect.effect - 0.04) < 1e-9)
        #expect(onboarding.verdict == .win)
        #expect(
            Self.leading.findings.markdown().contains("Its mean leads from round 3 on ([curve](#world-onboarding))."))
    }

    @Test(
        "Drift: the meta-learner's dip and recovery around the event beside the baseline's, and its lead over windows")
    func driftBehaviour() throws {
        let results = Self.results(
            models: [
                ("als", { _, _ in 0.30 }),
                ("maml", { axis, point in axis == "window" ? (point >= 1 ? 0.36 : 0.26) : 0.30 }),
            ],
            baselines: ["als"], metaLearners: ["maml"], windows: [0, 1, 2, 3]
        )
        let drift = try #require(results.findings.worlds.first?.protocols.first { $0.axis == .window })
        #expect(drift.metaLearner == "maml" && drift.baseline == "als")
        #expect(drift.leadsFrom == 1 && drift.verdict == .win)
        // Mean over windows: (0.26 + 3 · 0.36) / 4 − 0.30 = 0.035.
        #expect(abs(drift.effect.effect - 0.035) < 1e-9)
        let behaviour = try #require(drift.drift)
        #expect(behaviour.event == "sudden switch" && behaviour.eventWindow == 2)
        #expect(abs((behaviour.metaDip ?? 0) - 0.10) < 1e-12 && abs((behaviour.baselineDip ?? 0) - 0.05) < 1e-12)
        #expect(behaviour.metaRecovery == "2 windows" && behaviour.baselineRecovery == "1 window")
        let text = results.findings.markdown()
        #expect(
            text.contains(
                "Around the event in window 2 (sudden switch) maml dips 0.1000 (windows to recover 90 % of its level: "
                    + "2 windows), als dips 0.0500 (1 window). The gap to the oracle moves -0.0100 per window for maml, +0.0200 for als."
            ))
        #expect(text.contains("Its mean leads from window 1 on ([curve](#world-drift))."))
    }

    @Test(
        "Variants: an online meta-update that adds 0.04 in every round and window is better than its base; an unchanged one is not"
    )
    func variants() throws {
        let results = Self.results(
            models: [
                ("als", { _, _ in 0.30 }),
                ("maml", { _, _ in 0.30 }),
                ("maml (online)", { axis, _ in axis == "K" ? 0.30 : 0.34 }),
                ("maml (copy)", { _, _ in 0.30 }),
            ],
            baselines: ["als"], metaLearners: ["maml", "maml (online)", "maml (copy)"], windows: [0, 1, 2, 3],
            variants: [
                ModelVariant(model: "maml (online)", base: "maml", change: "meta_update: online"),
                ModelVariant(model: "maml (copy)", base: "maml", change: "epochs: 5"),
            ]
        )
        let world = try #require(results.findings.worlds.first)
        #expect(world.variants.map(\.protocolName).sorted() == ["drift", "drift", "onboarding", "onboarding"])
        for finding in world.variants {
            #expect(finding.base == "maml" && finding.metric == Self.metric)
            if finding.model == "maml (online)" {
                #expect(finding.verdict == .win && abs(finding.effect.effect - 0.04) < 1e-9)
                #expect(abs(finding.level - 0.34) < 1e-9 && abs(finding.baseLevel - 0.30) < 1e-9)
            } else {
                // The copy's values are maml's: every difference is 0.
                #expect(finding.verdict == .inconclusive && abs(finding.effect.effect) < 1e-9)
            }
        }
        let text = results.findings.markdown()
        #expect(
            text.contains(
                "- **Drift, meta_update: online** ([oracle_ndcg@10](#world-drift)): maml (online) is better than maml over 4 windows: shift +0.0400 ["
            ))
        #expect(text.contains("0.3400 against 0.3000."))
        #expect(
            text.contains(
                "- **Onboarding, epochs: 5** ([oracle_ndcg@10](#world-onboarding)): maml (copy) is not significantly different from maml over 5 rounds"
            ))
        #expect(
            results.findings.markdown(links: false).contains(
                "- **Onboarding, meta_update: online** (oracle_ndcg@10): maml (online) is better than maml over 5 rounds"
            ))
        // Without variants in the header, there are none.
        let plain = Self.results(
            models: [("als", { _, _ in 0.30 }), ("maml", { _, _ in 0.30 })], baselines: ["als"], metaLearners: ["maml"],
            windows: [0, 1])
        #expect(plain.findings.worlds.first?.variants == [])
        // They survive results.json and open the workbook's findings too.
        #expect(try ResultSet.decode(results.jsonData(), source: "results.json").findings == results.findings)
        let contents = try ReportFixtures.workbook(results)
        #expect(
            contents.cells(of: "Findings").values.contains {
                $0.hasPrefix(
                    "Drift, meta_update: online (oracle_ndcg@10): maml (online) is better than maml over 4 windows")
            })
    }

    @Test(
        "Users better within every seed, seeds differing in size: the verdict is better, its test interval excludes 0, the seed spread need not"
    )
    func verdictAndIntervalAgree() throws {
        // reptile − als is 0.03, 0.25 and 0.035 by seed, ± 0.02 from user to user: positive for
        // every user, but the seeds' means are so far apart that their spread includes 0.
        let results = Self.results(
            models: [("als", { _, _ in 0.30 }), ("reptile", { _, _ in 0.30 })], baselines: ["als"],
            metaLearners: ["reptile"], windows: [0, 1, 2],
            seedLevels: ["reptile": { [1: 0.03, 2: 0.25, 3: 0.035][$0] ?? 0 }]
        )
        let world = try #require(results.findings.worlds.first)
        #expect(world.protocols.map(\.axis) == [.shots, .round, .window])
        for finding in world.protocols {
            #expect(finding.verdict == .win, "\(finding.protocolName)")
            #expect(finding.effect.ciLow < 0 && finding.effect.ciHigh > 0, "the seed spread no longer includes 0")
            let shift = try #require(finding.shift)
            #expect((shift.low ?? 0) > 0 && shift.estimate >= (shift.low ?? 0) && (shift.high ?? 0) >= shift.estimate)
            #expect(shift.level <= 0.05)
        }
        // What a reader sees: "beats", and a printed test interval whose ends are both positive.
        let text = results.findings.markdown(links: false)
        let printed = XlsxContents.matches(
            of: #"beats als [^:]*: shift \+[0-9.]+ \[([-+][0-9.e-]+), ([-+][0-9.e-]+)\]"#, in: text)
        #expect(printed.count == 3)
        for ends in printed {
            #expect(ends.allSatisfy { (Double($0) ?? 0) > 0 }, "\(ends)")
        }
        #expect(text.contains("seed spread [-0."))
    }

    @Test(
        "Most users gain a little, a few lose much: the rank test is significant, the mean negative, and the sentence says they conflict"
    )
    func testAndMeanConflict() throws {
        // Per seed, 54 users +0.01 and 6 users −0.5: the signed-rank test favours the
        // meta-learner, the mean difference (−0.041) the baseline.
        let strata = Array(repeating: Array(repeating: 0.01, count: 54) + Array(repeating: -0.5, count: 6), count: 3)
        let test = PooledComparison(strata: strata)
        #expect(test.z > 0 && test.effect < 0 && test.pValue < 0.001)
        let verdict = SeedVerdict(pooled: test, adjustedP: test.pValue, higherIsBetter: true)
        #expect(verdict == .inconclusive)
        let shift = StratifiedShift(strata: strata, level: 0.05, rejectsZero: true)
        #expect((shift.low ?? 0) > 0)
        let finding = ProtocolFinding(
            protocolName: "drift", metric: Self.metric, axis: .window, onboardingShots: nil, metaLearner: "maml",
            baseline: "als", selection: "", metaLevel: 0.3, baselineLevel: 0.34, ceiling: nil,
            effect: PooledFigure(test, adjustedP: test.pValue), shift: shift, verdict: verdict, points: [0, 1],
            leadsFrom: nil, drift: nil,
            cost: CostFinding(metaSeconds: nil, baselineSeconds: nil, metaAdaptedParameters: nil))
        let text = Findings.sentence(finding, alpha: 0.05) { text, _ in text }
        #expect(text.contains("maml has no consistent lead over als over 2 windows: shift +0.0100 [+0.0"))
        #expect(text.contains("(the signed-rank test and the mean difference point opposite ways)"))
        #expect(text.contains("mean difference -0.0410"))
        // An inconclusive verdict whose test is not significant says so plainly.
        var plain = finding
        plain.effect.adjustedP = 0.5
        #expect(
            Findings.sentence(plain, alpha: 0.05) { text, _ in text }.contains("is not significantly different from"))
    }

    @Test("Two identical models under two labels are never called different")
    func identicalModels() throws {
        let level: (String, Int) -> Double = { axis, point in 0.2 + 0.01 * Double(point) + (axis == "K" ? 0 : 0.05) }
        let results = Self.results(
            models: [("original", level), ("copy", level)], baselines: ["original"], metaLearners: ["copy"])
        let world = try #require(results.findings.worlds.first)
        #expect(world.protocols.count == 2)
        for finding in world.protocols {
            #expect(finding.verdict == .inconclusive)
            #expect(finding.effect.effect == 0 && finding.effect.adjustedP == 1)
            let shift = try #require(finding.shift)
            #expect(shift.estimate == 0 && (shift.low ?? -1) <= 0 && (shift.high ?? 1) >= 0)
            #expect(finding.leadsFrom == nil)
        }
        let text = results.findings.markdown()
        #expect(!text.contains("beats") && !text.contains("trails") && !text.contains("leads from"))
        #expect(text.contains("copy is not significantly different from original"))
        #expect(text.contains("no significant difference between meta-learning and the best baseline"))
    }

    @Test(
        "leadsFrom: the first point of the last unbroken run ahead; none when behind at the end; lower-is-better metrics"
    )
    func leadsFromRule() {
        let points = [0, 1, 3, 5, 10]
        let baseline = Dictionary(uniqueKeysWithValues: points.map { ($0, 0.5) })
        let ahead = { (values: [Double]) in Dictionary(uniqueKeysWithValues: zip(points, values)) }
        #expect(
            Findings.leadsFrom(
                points: points, meta: ahead([0.6, 0.4, 0.6, 0.6, 0.6]), baseline: baseline, higherIsBetter: true) == 3)
        #expect(
            Findings.leadsFrom(
                points: points, meta: ahead([0.6, 0.6, 0.6, 0.6, 0.4]), baseline: baseline, higherIsBetter: true) == nil
        )
        #expect(
            Findings.leadsFrom(
                points: points, meta: ahead([0.4, 0.4, 0.4, 0.4, 0.4]), baseline: baseline, higherIsBetter: false) == 0)
        #expect(
            Findings.leadsFrom(
                points: points, meta: ahead([0.6, 0.6, 0.6, 0.6, 0.5]), baseline: baseline, higherIsBetter: true) == nil
        )
    }

    @Test("report.md opens with the findings, whose links resolve to anchors in the report")
    func markdownOpensWithFindings() {
        let report = MarkdownReport(Self.leading).render()
        let findings = report.range(of: "## Findings")
        let run = report.range(of: "Toolkit 9.9.9")
        #expect(findings != nil && run != nil && findings!.lowerBound < run!.lowerBound)
        let targets = Set(XlsxContents.matches(of: #"\]\(#([a-z0-9-]+)\)"#, in: report).map { $0[0] })
        #expect(targets.count >= 4)
        for target in targets {
            #expect(report.contains(#"<a id="\#(target)"></a>"#), "\(target) has no anchor")
        }
    }

    @Test("report.xlsx opens with a Findings sheet whose sentences link the sheets they summarize")
    func xlsxFindingsSheet() throws {
        let contents = try ReportFixtures.workbook(Self.leading)
        #expect(contents.sheetNames.first == "Findings")
        let xml = try #require(contents.sheetXML(of: "Findings"))
        let locations = Set(XlsxContents.matches(of: #"location="'([^']+)'!A1""#, in: xml).map { $0[0] })
        #expect(
            locations.isSuperset(of: ["Significance", "Cold start", "Onboarding", "Run", "Disagreements"]),
            "\(locations)")
        #expect(locations.isSubset(of: Set(contents.sheetNames)))
        let cells = contents.cells(of: "Findings")
        #expect(
            cells.values.contains {
                $0.hasPrefix("Cold start (oracle_ndcg@10): maml beats als at K = 10: shift +0.0500 [")
            })
        // The header's columns and the method sentence under them.
        #expect(cells["G1"] == "Shift (test)" && cells["M1"] == "Mean difference" && cells["N1"] == "Seed spread low")
        #expect(cells["B2"]?.hasPrefix("Per world and protocol") == true)
        #expect(
            cells.values.contains {
                $0.hasPrefix("Onboarding (oracle_ndcg@10): maml beats als over 5 rounds from K = 0")
            })
    }

    @Test("Findings survive results.json")
    func coding() throws {
        let results = Self.leading
        let decoded = try ResultSet.decode(results.jsonData(), source: "results.json")
        #expect(decoded.findings == results.findings)
        #expect(!decoded.findings.worlds.isEmpty)
    }
}
