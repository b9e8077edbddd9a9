import Evaluation
import RecData

extension Significance {
    /// Tests every model against its scenario's reference at the scenario's headline K, on
    /// every per-user metric of every protocol (segment `all`).
    ///
    /// - **Reference**: the scenario's `reference` model or, when it names none, the
    ///   strongest baseline on the **validation** users (segment `validation`) on the first
    ///   metric — never chosen on the test users it is then compared on.
    /// - **Per seed**: Wilcoxon signed-rank and paired t-tests, Cohen's d_z, the
    ///   rank-biserial correlation and the minimum detectable effect at 80 % power.
    /// - **Verdict**: the seeds pooled (`PooledComparison`: a stratified signed-rank test
    ///   over users within seeds, random-effects pooled effect with its interval).
    /// - **Holm's correction** runs within one scenario × protocol: one family for the
    ///   verdicts (models × metrics), one for the per-seed tests (× seeds), one for the
    ///   disagreement tests; a scenario's verdicts do not change when another is added.
    /// - **Disagreements**: every pair of models is tested on each logged metric (ranking
    ///   accuracy) and each oracle metric; a pair that a logged and an oracle metric order
    ///   oppositely, both significantly, is listed.
    public init(results: ResultSet, perUser: [PerUserRecord], alpha: Double = 0.05) {
        let pivot = ResultPivot(results)
        let values = Self.figures(
            perUser.lazy.filter { $0.segment == UserSegments.all && $0.window == nil && $0.round == nil })
        var comparisons = [FigureComparison]()
        var verdicts = [FigureVerdict]()
        var families = [HolmFamily]()
        var disagreements = [Disagreement]()
        for scenario in pivot.scenarios {
            guard let shots = pivot.headlineShots(in: scenario),
                let reference = Self.reference(in: scenario, results: results, pivot: pivot, shots: shots)
            else { continue }
            let seeds = Set(results.rows.filter { $0.scenario == scenario }.map(\.seed)).sorted()
            let models = pivot.models(in: scenario)
            let metrics = pivot.metrics(in: scenario)
            for protocolName in pivot.shotProtocols(in: scenario) {
                let strata = { (model: String, other: String, metric: String) -> [[Double]] in
                    seeds.map { seed in
                        let figure = { (name: String) in
                            Figure(
                                scenario: scenario, protocolName: protocolName, metric: metric, shots: shots,
                                model: name, seed: seed)
                        }
                        return Self.differences(values[figure(model)] ?? [], values[figure(other)] ?? [])
                    }
                }
                let tested = Self.compareSeeds(
                    scenario: scenario, protocolName: protocolName, shots: shots, reference: reference, models: models,
                    metrics: metrics, seeds: seeds, values: values, alpha: alpha
                )
                comparisons += tested
                var pooled = [(model: String, metric: String, test: PooledComparison)]()
                for metric in metrics {
                    for model in models where model != reference {
                        let test = PooledComparison(strata: strata(model, reference, metric), alpha: alpha)
                        if test.pairs > 0 { pooled.append((model, metric, test)) }
                    }
                }
                let adjusted = HolmBonferroni.adjust(pooled.map(\.test.pValue))
                for (entry, adjustedP) in zip(pooled, adjusted) {
                    let higherIsBetter = Metric(entry.metric)?.higherIsBetter ?? true
                    verdicts.append(
                        FigureVerdict(
                            scenario: scenario, protocolName: protocolName, metric: entry.metric, shots: shots,
                            model: entry.model,
                            reference: reference,
                            verdict: SeedVerdict(
                                pooled: entry.test, adjustedP: adjustedP, higherIsBetter: higherIsBetter, alpha: alpha),
                            pooled: PooledFigure(entry.test, adjustedP: adjustedP)
                        ))
                }
                let found = Self.disagreements(
                    scenario: scenario, protocolName: protocolName, shots: shots, models: models, metrics: metrics,
                    alpha: alpha, strata: strata
                )
                disagreements += found.disagreements
                families.append(
                    HolmFamily(
                        scenario: scenario, protocolName: protocolName, shots: shots, verdictTests: pooled.count,
                        seedTests: tested.count, disagreementTests: found.tests
                    ))
            }
        }
        self.init(
            alpha: alpha, comparisons: comparisons, verdicts: verdicts, families: families, disagreements: disagreements
        )
    }

    /// Each model against the reference, seed by seed, Holm-corrected within the scenario and protocol.
    private static func compareSeeds(
        scenario: String, protocolName: String, shots: Int, reference: String, models: [String], metrics: [String],
        seeds: [UInt64], values: [Figure: [PerUserRecord]], alpha: Double
    ) -> [FigureComparison] {
        var requests = [PairedComparison.Request]()
        var figures = [Figure]()
        for metric in metrics {
            for model in models where model != reference {
                for seed in seeds {
                    let figure = Figure(
                        scenario: scenario, protocolName: protocolName, metric: metric, shots: shots, model: model,
                        seed: seed)
                    let referenceFigure = Figure(
                        scenario: scenario, protocolName: protocolName, metric: metric, shots: shots, model: reference,
                        seed: seed)
                    guard let modelValues = values[figure], let referenceValues = values[referenceFigure] else {
                        continue
                    }
                    requests.append(
                        PairedComparison.Request(
                            figure: "\(scenario) \(protocolName) \(metric) K=\(shots) seed \(seed)",
                            model: model, modelValues: modelValues.map(Self.userValue),
                            reference: reference, referenceValues: referenceValues.map(Self.userValue)
                        ))
                    figures.append(figure)
                }
            }
        }
        return zip(figures, PairedComparison.compare(requests)).map { figure, test in
            FigureComparison(
                scenario: figure.scenario, protocolName: figure.protocolName, metric: figure.metric,
                shots: figure.shots,
                model: figure.model, reference: test.reference, seed: figure.seed, pairs: test.pairs,
                meanDifference: test.meanDifference, wilcoxonP: test.wilcoxon.pValue,
                wilcoxonAdjustedP: test.wilcoxonAdjustedP,
                tTestP: test.tTest.pValue, tTestAdjustedP: test.tTestAdjustedP, cohensD: test.cohensD,
                rankBiserial: test.rankBiserial,
                minimumDetectableEffect: test.pairs > 1
                    ? PooledComparison.detectable(
                        standardError: test.tTest.standardDeviation / Double(test.pairs).squareRoot(), alpha: alpha
                    )
                    : nil
            )
        }
    }

    /// Pairs of models that a logged metric and an oracle metric order oppositely, each
    /// significantly after Holm's correction over every pair and metric tested.
    private static func disagreements(
        scenario: String, protocolName: String, shots: Int, models: [String], metrics: [String], alpha: Double,
        strata: (String, String, String) -> [[Double]]
    ) -> (disagreements: [Disagreement], tests: Int) {
        let logged = metrics.filter { Metric($0)?.family == .rankingAccuracy }
        let oracle = metrics.filter { Metric($0)?.family == .oracleRelative }
        guard !logged.isEmpty, !oracle.isEmpty else { return ([], 0) }
        var tests = [(first: String, second: String, metric: String, test: PooledComparison)]()
        for (index, first) in models.enumerated() {
            for second in models.dropFirst(index + 1) {
                for metric in logged + oracle {
                    let test = PooledComparison(strata: strata(first, second, metric), alpha: alpha)
                    if test.pairs > 0 { tests.append((first, second, metric, test)) }
                }
            }
        }
        let adjusted = HolmBonferroni.adjust(tests.map(\.test.pValue))
        // Per pair and metric: +1 when the first model is significantly better, −1 when the second is.
        var favour = [String: (sign: Double, effect: Double, p: Double)]()
        for (entry, p) in zip(tests, adjusted) where p <= alpha {
            let direction = (Metric(entry.metric)?.higherIsBetter ?? true) ? 1.0 : -1.0
            let better = direction * entry.test.effect
            guard better != 0, (direction * entry.test.z > 0) == (better > 0) else { continue }
            favour["\(entry.first)\u{1F}\(entry.second)\u{1F}\(entry.metric)"] = (
                better > 0 ? 1 : -1, entry.test.effect, p
            )
        }
        var found = [Disagreement]()
        for (index, first) in models.enumerated() {
            for second in models.dropFirst(index + 1) {
                for loggedMetric in logged {
                    guard let l = favour["\(first)\u{1F}\(second)\u{1F}\(loggedMetric)"] else { continue }
                    for oracleMetric in oracle {
                        guard let o = favour["\(first)\u{1F}\(second)\u{1F}\(oracleMetric)"], o.sign != l.sign else {
                            continue
                        }
                        let (winner, loser) = l.sign > 0 ? (first, second) : (second, first)
                        found.append(
                            Disagreement(
                                scenario: scenario, protocolName: protocolName, shots: shots,
                                loggedMetric: loggedMetric,
                                oracleMetric: oracleMetric, loggedFavours: winner, oracleFavours: loser,
                                loggedEffect: l.sign > 0 ? l.effect : -l.effect, loggedP: l.p,
                                oracleEffect: o.sign > 0 ? o.effect : -o.effect, oracleP: o.p
                            ))
                    }
                }
            }
        }
        return (found, tests.count)
    }

    /// The per-user differences `model` − `other`, paired by user.
    private static func differences(_ model: [PerUserRecord], _ other: [PerUserRecord]) -> [Double] {
        let byUser = Dictionary(other.map { ($0.user, $0.value) }, uniquingKeysWith: { first, _ in first })
        return model.compactMap { record in byUser[record.user].map { record.value - $0 } }
    }

    /// The scenario's named reference, else its strongest baseline (all models when none
    /// is marked a baseline) on the validation users, on the first metric with validation
    /// figures at `shots`; `nil` when there are none.
    static func reference(in scenario: String, results: ResultSet, pivot: ResultPivot, shots: Int) -> String? {
        let file = results.header.scenarios.first { $0.name == scenario }
        if let named = file?.reference { return named }
        let models = pivot.models(in: scenario)
        let candidates =
            file.map { file in models.filter(file.baselines.contains) }.flatMap { $0.isEmpty ? nil : $0 } ?? models
        let validation = results.rows.filter {
            $0.scenario == scenario && $0.segment == ColdStartProtocol.validationSegment && $0.shots == shots
        }
        for metric in pivot.metrics(in: scenario) {
            let scored = candidates.compactMap { model -> (String, Double)? in
                let rows = validation.filter { $0.model == model && $0.metric == metric }
                return rows.isEmpty ? nil : (model, SeedAggregate(rows).value)
            }
            guard !scored.isEmpty else { continue }
            let higherIsBetter = Metric(metric)?.higherIsBetter ?? true
            return scored.max { higherIsBetter ? $0.1 < $1.1 : $0.1 > $1.1 }?.0
        }
        return nil
    }

    private struct Figure: Hashable {
        let scenario: String
        let protocolName: String
        let metric: String
        let shots: Int?
        let model: String
        let seed: UInt64

        init(scenario: String, protocolName: String, metric: String, shots: Int?, model: String, seed: UInt64) {
            self.scenario = scenario
            self.protocolName = protocolName
            self.metric = metric
            self.shots = shots
            self.model = model
            self.seed = seed
        }

        init(record: PerUserRecord) {
            self.init(
                scenario: record.scenario, protocolName: record.protocolName, metric: record.metric,
                shots: record.shots, model: record.model, seed: record.seed
            )
        }
    }

    /// `records` grouped by figure, each group in the records' order. Records come in runs
    /// that share their coordinates (a cell's users at one point), so the figure is hashed
    /// once per run rather than once per user.
    private static func figures(_ records: some Sequence<PerUserRecord>) -> [Figure: [PerUserRecord]] {
        var groups = [Figure: [PerUserRecord]]()
        var run = [PerUserRecord]()
        let flush = { (run: inout [PerUserRecord]) in
            guard let first = run.first else { return }
            groups[Figure(record: first), default: []].append(contentsOf: run)
            run.removeAll(keepingCapacity: true)
        }
        for record in records {
            if let last = run.last, last.coordinates != record.coordinates { flush(&run) }
            run.append(record)
        }
        flush(&run)
        return groups
    }

    private static func userValue(_ record: PerUserRecord) -> UserValue {
        UserValue(user: UserID(record.user), value: record.value)
    }
}
