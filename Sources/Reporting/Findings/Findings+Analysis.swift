import Evaluation

extension Findings {
    /// The findings of `results`, whose paired tests (``Significance``) are already computed,
    /// with `perUser` the values behind its rows.
    ///
    /// Per scenario with at least one meta-learner and one baseline, and per protocol:
    ///
    /// - **Cold start**: the baseline is the scenario's reference of the paired tests (the
    ///   strongest baseline on the validation users), the meta-learner the best on the
    ///   validation users at the headline K (on the test users when there are none); the
    ///   effect and its significance are the pooled verdict of the paired tests, Holm-corrected
    ///   within the scenario and protocol.
    /// - **Onboarding** (at the smallest K) and **drift**: the best of each kind by the mean over
    ///   rounds or windows; the effect is the seeds' pooled comparison (`PooledComparison`)
    ///   of each user's mean over the rounds or windows, paired by user within seeds, and
    ///   Holm's correction runs over every meta-learner × metric of the protocol against
    ///   that baseline, which also covers picking the best meta-learner.
    ///
    /// - **Variants** (``VariantFinding``): each entry the header lists as a variant of
    ///   another (``ModelVariant``) against it, under onboarding (smallest K) and drift, on
    ///   each user's mean over the rounds or windows, pooled over seeds, Holm-corrected over
    ///   every variant comparison of the scenario.
    ///
    /// Beside each verdict, the test's own shift and interval (`StratifiedShift`, at the
    /// level Holm's correction holds the comparison to), which excludes 0 exactly when the
    /// verdict's test is significant; for cold start it is computed from the same per-user
    /// values the paired tests pair.
    ///
    /// The metric is the oracle nDCG where the world has an oracle (the truth a simulated
    /// world knows), else the scenario's first metric. The meta-learner leads from the first
    /// K, round or window after which its mean is ahead at every point.
    public init(results: ResultSet, perUser: [PerUserRecord]) {
        let pivot = ResultPivot(results)
        let alpha = results.significance.alpha
        let means = ServedMeans(perUser)
        var worlds = [WorldFindings]()
        for scenario in pivot.scenarios {
            let context = Context(
                results: results, pivot: pivot, scenario: scenario, means: means, perUser: perUser, alpha: alpha)
            guard !context.metaLearners.isEmpty, !context.baselines.isEmpty else { continue }
            let protocols = [context.coldStart(), context.onboarding(), context.drift()].compactMap { $0 }
            guard !protocols.isEmpty else { continue }
            worlds.append(
                WorldFindings(
                    scenario: scenario, protocols: protocols,
                    disagreements: results.significance.disagreements.filter { $0.scenario == scenario },
                    cellSeconds: pivot.models(in: scenario).compactMap { model in
                        context.seconds(model).map { CellSeconds(model: model, seconds: $0) }
                    },
                    variants: context.variants()
                ))
        }
        self.init(alpha: alpha, worlds: worlds)
    }

    /// The first point from which `meta` is ahead of `baseline` at every later point, or
    /// `nil` when it is not ahead at the last; a point missing either value is not ahead.
    static func leadsFrom(points: [Int], meta: [Int: Double], baseline: [Int: Double], higherIsBetter: Bool) -> Int? {
        var first: Int?
        for point in points.reversed() {
            guard let m = meta[point], let b = baseline[point], higherIsBetter ? m > b : m < b else { break }
            first = point
        }
        return first
    }

    /// The metric a finding is stated on: the oracle nDCG when measured, else the first
    /// oracle-relative metric that is better higher, else the first metric.
    static func headlineMetric(_ metrics: [String]) -> String? {
        metrics.first { $0.hasPrefix("oracle_ndcg") }
            ?? metrics.first { Metric($0)?.family == .oracleRelative && Metric($0)?.higherIsBetter == true }
            ?? metrics.first
    }
}

// MARK: - One scenario

private struct Context {
    let results: ResultSet
    let pivot: ResultPivot
    let scenario: String
    let means: ServedMeans
    let perUser: [PerUserRecord]
    let alpha: Double
    let metaLearners: [String]
    let baselines: [String]

    init(
        results: ResultSet, pivot: ResultPivot, scenario: String, means: ServedMeans, perUser: [PerUserRecord],
        alpha: Double
    ) {
        self.results = results
        self.pivot = pivot
        self.scenario = scenario
        self.means = means
        self.perUser = perUser
        self.alpha = alpha
        let models = pivot.models(in: scenario)
        let file = results.header.scenarios.first { $0.name == scenario }
        metaLearners = models.filter { (file?.metaLearners ?? []).contains($0) }
        baselines = models.filter { (file?.baselines ?? []).contains($0) && $0 != ReportCharts.referenceModel }
    }

    // MARK: Cold start

    func coldStart() -> ProtocolFinding? {
        let protocolName = ColdStartProtocol.name
        guard pivot.protocols(in: scenario).contains(protocolName), let shots = pivot.headlineShots(in: scenario),
            let metric = Findings.headlineMetric(pivot.metrics(in: scenario)),
            let baseline = results.significance.verdicts.first(where: {
                $0.scenario == scenario && $0.protocolName == protocolName
            })?.reference,
            baselines.contains(baseline)
        else { return nil }
        let higherIsBetter = Metric(metric)?.higherIsBetter ?? true
        let level = { (model: String, segment: String) -> Double? in
            let rows = results.rows.filter {
                $0.scenario == scenario && $0.protocolName == protocolName && $0.model == model && $0.metric == metric
                    && $0.shots == shots && $0.segment == segment
            }
            return rows.isEmpty ? nil : SeedAggregate(rows).value
        }
        let onValidation = metaLearners.contains { level($0, ColdStartProtocol.validationSegment) != nil }
        let segment = onValidation ? ColdStartProtocol.validationSegment : UserSegments.all
        guard let meta = best(metaLearners, higherIsBetter: higherIsBetter, by: { level($0, segment) }),
            let verdict = results.significance.verdict(
                scenario: scenario, protocolName: protocolName, metric: metric, model: meta),
            let pooled = verdict.pooled,
            let metaLevel = level(meta, UserSegments.all), let baselineLevel = level(baseline, UserSegments.all)
        else { return nil }
        let points = pivot.shots(in: scenario)
        let curve = { (model: String) in
            Dictionary(
                uniqueKeysWithValues: points.compactMap { k in
                    pivot.figure(scenario: scenario, protocolName: protocolName, model: model, metric: metric, shots: k)
                        .map { (k, $0.value) }
                })
        }
        return ProtocolFinding(
            protocolName: protocolName, metric: metric, axis: .shots, onboardingShots: nil, metaLearner: meta,
            baseline: baseline,
            selection:
                "the strongest baseline and the best meta-learner on the \(onValidation ? "validation" : "test") users at K = \(shots)",
            metaLevel: metaLevel, baselineLevel: baselineLevel,
            ceiling: level(ReportCharts.referenceModel, UserSegments.all),
            effect: pooled,
            shift: shift(
                strata: coldStartStrata(model: meta, other: baseline, metric: metric, shots: shots), pooled: pooled),
            verdict: verdict.verdict, points: points,
            leadsFrom: Findings.leadsFrom(
                points: points, meta: curve(meta), baseline: curve(baseline), higherIsBetter: higherIsBetter),
            drift: nil, cost: cost(meta: meta, baseline: baseline)
        )
    }

    // MARK: Onboarding

    func onboarding() -> ProtocolFinding? {
        let protocolName = pivot.onboardingProtocol
        guard let shots = pivot.onboardingShots(in: scenario).first,
            let metric = Findings.headlineMetric(pivot.onboardingMetrics(in: scenario))
        else { return nil }
        let level = onboardingLevel(shots: shots)
        let points = pivot.rounds(in: scenario)
        let curve = { (model: String) in
            Dictionary(
                uniqueKeysWithValues: points.compactMap { round in
                    pivot.onboardingFigure(scenario: scenario, model: model, metric: metric, shots: shots, round: round)
                        .map { (round, $0.value) }
                })
        }
        return served(
            protocolName: protocolName, metric: metric, metrics: pivot.onboardingMetrics(in: scenario), axis: .round,
            onboardingShots: shots, points: points, level: level, curve: curve,
            shots: shots,
            selection: "the best of each kind by the mean over rounds at K = \(shots)"
        )
    }

    // MARK: Drift

    func drift() -> ProtocolFinding? {
        let protocolName = pivot.driftProtocol
        guard let metric = Findings.headlineMetric(pivot.driftMetrics(in: scenario)) else { return nil }
        let figures = results.drift.filter { $0.scenario == scenario }
        let level = driftLevel
        let points = pivot.windows(in: scenario)
        let curve = { (model: String) in
            Dictionary(
                uniqueKeysWithValues: points.compactMap { window in
                    pivot.driftFigure(scenario: scenario, model: model, metric: metric, window: window).map {
                        (window, $0.value)
                    }
                })
        }
        guard
            var finding = served(
                protocolName: protocolName, metric: metric, metrics: pivot.driftMetrics(in: scenario), axis: .window,
                onboardingShots: nil, points: points, level: level, curve: curve,
                shots: nil,
                selection: "the best of each kind by the mean over windows"
            )
        else { return nil }
        let summary = { (model: String) in
            DriftFigureSummary(figures.filter { $0.model == model && $0.metric == metric })
        }
        let meta = summary(finding.metaLearner)
        let baseline = summary(finding.baseline)
        let event = figures.first { $0.model == finding.metaLearner && $0.metric == metric }?.shifts.first {
            $0.preShiftLevel != nil
        }
        finding.drift = DriftBehaviour(
            event: event?.label, eventWindow: event?.window, metaDip: meta.dipDepth, baselineDip: baseline.dipDepth,
            metaRecovery: meta.recoveryText, baselineRecovery: baseline.recoveryText,
            metaGapSlope: meta.gapSlope, baselineGapSlope: baseline.gapSlope
        )
        return finding
    }

    /// A model's mean over the onboarding rounds at support size `shots`, mean over seeds.
    func onboardingLevel(shots: Int) -> (String, String) -> Double? {
        let figures = results.onboarding.filter { $0.scenario == scenario && $0.shots == shots }
        return { model, metric in
            let values = figures.filter { $0.model == model && $0.metric == metric }.map(\.meanOverRounds)
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
    }

    /// A model's mean over the drift windows, mean over seeds.
    var driftLevel: (String, String) -> Double? {
        let figures = results.drift.filter { $0.scenario == scenario }
        return { model, metric in
            let values = figures.filter { $0.model == model && $0.metric == metric }.map(\.meanOverWindows)
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
    }

    // MARK: Variants

    /// Each variant against the entry it varies under onboarding (at the smallest K) and
    /// drift, where both were served; Holm's correction runs over all of them.
    func variants() -> [VariantFinding] {
        let models = pivot.models(in: scenario)
        let variants = (results.header.scenarios.first { $0.name == scenario }?.variants ?? []).filter {
            models.contains($0.model) && models.contains($0.base)
        }
        guard !variants.isEmpty else { return [] }
        var curves = [
            (
                protocolName: String, axis: ProtocolFinding.Axis, shots: Int?, metric: String, points: [Int],
                level: (String, String) -> Double?
            )
        ]()
        if let shots = pivot.onboardingShots(in: scenario).first,
            let metric = Findings.headlineMetric(pivot.onboardingMetrics(in: scenario))
        {
            curves.append(
                (
                    pivot.onboardingProtocol, .round, shots, metric, pivot.rounds(in: scenario),
                    onboardingLevel(shots: shots)
                ))
        }
        if let metric = Findings.headlineMetric(pivot.driftMetrics(in: scenario)) {
            curves.append((pivot.driftProtocol, .window, nil, metric, pivot.windows(in: scenario), driftLevel))
        }
        var found = [(finding: VariantFinding, test: PooledComparison, strata: [[Double]], higherIsBetter: Bool)]()
        for curve in curves {
            let seeds = means.seeds(scenario: scenario, protocolName: curve.protocolName)
            for variant in variants {
                guard let level = curve.level(variant.model, curve.metric),
                    let baseLevel = curve.level(variant.base, curve.metric)
                else { continue }
                let strata = servedStrata(
                    protocolName: curve.protocolName, shots: curve.shots, metric: curve.metric, model: variant.model,
                    other: variant.base, seeds: seeds)
                let test = PooledComparison(strata: strata, alpha: alpha)
                guard test.pairs > 0 else { continue }
                let finding = VariantFinding(
                    protocolName: curve.protocolName, axis: curve.axis, model: variant.model, base: variant.base,
                    change: variant.change, metric: curve.metric, points: curve.points, level: level,
                    baseLevel: baseLevel, effect: PooledFigure(test, adjustedP: 1), verdict: .inconclusive)
                found.append((finding, test, strata, Metric(curve.metric)?.higherIsBetter ?? true))
            }
        }
        let adjusted = HolmBonferroni.adjust(found.map(\.test.pValue))
        return zip(found, adjusted).map { entry, adjustedP in
            var finding = entry.finding
            finding.effect = PooledFigure(entry.test, adjustedP: adjustedP)
            finding.shift = shift(strata: entry.strata, pooled: finding.effect)
            finding.verdict = SeedVerdict(
                pooled: entry.test, adjustedP: adjustedP, higherIsBetter: entry.higherIsBetter, alpha: alpha)
            return finding
        }
    }

    // MARK: Shared

    /// The finding of a serving protocol (onboarding, drift): the best of each kind by
    /// `level`, tested on each user's mean over the curve's points.
    private func served(
        protocolName: String, metric: String, metrics: [String], axis: ProtocolFinding.Axis, onboardingShots: Int?,
        points: [Int], level: (String, String) -> Double?, curve: (String) -> [Int: Double], shots: Int?,
        selection: String
    ) -> ProtocolFinding? {
        let higherIsBetter = Metric(metric)?.higherIsBetter ?? true
        guard let baseline = best(baselines, higherIsBetter: higherIsBetter, by: { level($0, metric) }),
            let meta = best(metaLearners, higherIsBetter: higherIsBetter, by: { level($0, metric) }),
            let metaLevel = level(meta, metric), let baselineLevel = level(baseline, metric)
        else { return nil }
        let seeds = means.seeds(scenario: scenario, protocolName: protocolName)
        var tests = [(model: String, metric: String, test: PooledComparison, strata: [[Double]])]()
        for testedMetric in metrics {
            for model in metaLearners {
                let strata = servedStrata(
                    protocolName: protocolName, shots: shots, metric: testedMetric, model: model, other: baseline,
                    seeds: seeds)
                let test = PooledComparison(strata: strata, alpha: alpha)
                if test.pairs > 0 { tests.append((model, testedMetric, test, strata)) }
            }
        }
        let adjusted = HolmBonferroni.adjust(tests.map(\.test.pValue))
        guard let index = tests.firstIndex(where: { $0.model == meta && $0.metric == metric }) else { return nil }
        let test = tests[index].test
        let effect = PooledFigure(test, adjustedP: adjusted[index])
        return ProtocolFinding(
            protocolName: protocolName, metric: metric, axis: axis, onboardingShots: onboardingShots, metaLearner: meta,
            baseline: baseline, selection: selection, metaLevel: metaLevel, baselineLevel: baselineLevel,
            ceiling: level(ReportCharts.referenceModel, metric), effect: effect,
            shift: shift(strata: tests[index].strata, pooled: effect),
            verdict: SeedVerdict(
                pooled: test, adjustedP: adjusted[index], higherIsBetter: higherIsBetter, alpha: alpha),
            points: points,
            leadsFrom: Findings.leadsFrom(
                points: points, meta: curve(meta), baseline: curve(baseline), higherIsBetter: higherIsBetter),
            drift: nil, cost: cost(meta: meta, baseline: baseline)
        )
    }

    /// The model of `candidates` with the best level; ties go to the first listed.
    private func best(_ candidates: [String], higherIsBetter: Bool, by level: (String) -> Double?) -> String? {
        var chosen: (model: String, value: Double)?
        for model in candidates {
            guard let value = level(model) else { continue }
            if let current = chosen, higherIsBetter ? value <= current.value : value >= current.value { continue }
            chosen = (model, value)
        }
        return chosen?.model
    }

    /// The mean wall seconds of `model`'s cells that did not fail; `nil` when none.
    func seconds(_ model: String) -> Double? {
        let cells = results.header.timings.cells.filter {
            $0.scenario == scenario && $0.model == model && $0.error == nil
        }
        return cells.isEmpty ? nil : cells.reduce(0) { $0 + $1.seconds } / Double(cells.count)
    }

    private func cost(meta: String, baseline: String) -> CostFinding {
        let adapted = pivot.metrics(in: scenario).first { Metric($0)?.family == .modelSize }.flatMap { metric in
            pivot.figure(
                scenario: scenario, protocolName: ColdStartProtocol.name, model: meta, metric: metric,
                shots: pivot.headlineShots(in: scenario))?.value
        }
        let measured = { (model: String, metric: String) -> Double? in
            let rows = results.rows.filter {
                $0.scenario == scenario && $0.protocolName == ColdStartProtocol.name && $0.model == model
                    && $0.metric == metric
                    && $0.segment == UserSegments.all && $0.shots == pivot.headlineShots(in: scenario)
            }
            return rows.isEmpty ? nil : SeedAggregate(rows).value
        }
        let latency = CostFinding.latencyMetrics.compactMap { metric -> LatencyFigure? in
            guard let m = measured(meta, metric), let b = measured(baseline, metric) else { return nil }
            return LatencyFigure(metric: metric, meta: m, baseline: b)
        }
        return CostFinding(
            metaSeconds: seconds(meta), baselineSeconds: seconds(baseline), metaAdaptedParameters: adapted,
            latency: latency)
    }

    /// The test's shift and the interval that inverts it at the level Holm's correction holds
    /// `pooled`'s p-value to, agreeing with its decision (adjusted p ≤ α).
    private func shift(strata: [[Double]], pooled: PooledFigure) -> StratifiedShift {
        StratifiedShift(
            strata: strata, level: StratifiedShift.level(alpha: alpha, p: pooled.p, adjustedP: pooled.adjustedP),
            rejectsZero: pooled.adjustedP <= alpha)
    }

    /// Each seed's per-user differences `model` − `other` at cold start's K = `shots` (segment
    /// `all`), paired by user as the paired tests (``Significance``) pair them.
    private func coldStartStrata(model: String, other: String, metric: String, shots: Int) -> [[Double]] {
        var values = [String: [UInt64: [UInt32: Double]]]()
        for record in perUser
        where record.scenario == scenario && record.protocolName == ColdStartProtocol.name && record.metric == metric
            && record.shots == shots && record.segment == UserSegments.all && record.round == nil
            && record.window == nil && (record.model == model || record.model == other)
            && values[record.model]?[record.seed]?[record.user] == nil
        {
            values[record.model, default: [:]][record.seed, default: [:]][record.user] = record.value
        }
        return Set(values.values.flatMap(\.keys)).sorted().map { seed in
            Self.differences(values[model]?[seed] ?? [:], values[other]?[seed] ?? [:])
        }
    }

    /// Each of `seeds`' per-user differences `model` − `other` of the users' means over a
    /// serving curve (``ServedMeans``), paired by user.
    private func servedStrata(
        protocolName: String, shots: Int?, metric: String, model: String, other: String, seeds: [UInt64]
    ) -> [[Double]] {
        seeds.map { seed in
            let mean = { (name: String) in
                means.values[
                    ServedMeans.Key(
                        scenario: scenario, protocolName: protocolName, shots: shots, model: name, metric: metric,
                        seed: seed
                    )] ?? [:]
            }
            return Self.differences(mean(model), mean(other))
        }
    }

    /// The per-user differences `model` − `other`, paired by user, in user order.
    private static func differences(_ model: [UInt32: Double], _ other: [UInt32: Double]) -> [Double] {
        model.sorted { $0.key < $1.key }.compactMap { user, value in other[user].map { value - $0 } }
    }
}

// MARK: - Per-user means of the serving protocols

/// Each user's mean over the rounds (onboarding) or windows (drift) of one curve, per
/// scenario, protocol, K, model, metric and seed, gathered in one pass over the per-user
/// values (segment `all`).
struct ServedMeans {
    struct Key: Hashable {
        let scenario: String
        let protocolName: String
        let shots: Int?
        let model: String
        let metric: String
        let seed: UInt64
    }

    /// The users' means by curve.
    let values: [Key: [UInt32: Double]]

    init(_ perUser: [PerUserRecord]) {
        var sums = [Key: [UInt32: (sum: Double, count: Int)]]()
        for record in perUser where (record.round != nil || record.window != nil) && record.segment == UserSegments.all
        {
            let key = Key(
                scenario: record.scenario, protocolName: record.protocolName,
                shots: record.round == nil ? nil : record.shots,
                model: record.model, metric: record.metric, seed: record.seed
            )
            let current = sums[key]?[record.user] ?? (0, 0)
            sums[key, default: [:]][record.user] = (current.sum + record.value, current.count + 1)
        }
        values = sums.mapValues { $0.mapValues { $0.sum / Double($0.count) } }
    }

    /// The seeds with values under `protocolName` in `scenario`, ascending.
    func seeds(scenario: String, protocolName: String) -> [UInt64] {
        Set(values.keys.filter { $0.scenario == scenario && $0.protocolName == protocolName }.map(\.seed)).sorted()
    }
}
