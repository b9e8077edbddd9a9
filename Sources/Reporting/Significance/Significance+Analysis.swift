import Evaluation
import RecData

extension Significance {
    /// Tests every model against its scenario's reference at the scenario's headline K, on
    /// every per-user metric of every protocol (segment `all`), seed by seed: Wilcoxon
    /// signed-rank and paired t-tests with Holm's correction over all comparisons of the
    /// report, Cohen's d_z and the rank-biserial correlation. A difference is called a win or
    /// a loss only when it is significant, in the same direction, in every seed.
    ///
    /// The reference is the scenario's `reference` model or, when it names none, the
    /// strongest baseline on its first metric at the headline K.
    public init(results: ResultSet, perUser: [PerUserRecord], alpha: Double = 0.05) {
        let pivot = ResultPivot(results)
        let values = Dictionary(grouping: perUser.filter { $0.segment == UserSegments.all && $0.window == nil }) { Figure(record: $0) }
        var requests = [PairedComparison.Request]()
        var figures = [(Figure, reference: String)]()
        for scenario in pivot.scenarios {
            guard let shots = pivot.headlineShots(in: scenario),
                  let reference = Self.reference(in: scenario, results: results, pivot: pivot, shots: shots) else { continue }
            let seeds = Set(results.rows.filter { $0.scenario == scenario }.map(\.seed)).sorted()
            for protocolName in pivot.shotProtocols(in: scenario) {
                for metric in pivot.metrics(in: scenario) {
                    for model in pivot.models(in: scenario) where model != reference {
                        for seed in seeds {
                            let figure = Figure(scenario: scenario, protocolName: protocolName, metric: metric, shots: shots, model: model, seed: seed)
                            let referenceFigure = Figure(scenario: scenario, protocolName: protocolName, metric: metric, shots: shots, model: reference, seed: seed)
                            guard let modelValues = values[figure], let referenceValues = values[referenceFigure] else { continue }
                            requests.append(PairedComparison.Request(
                                figure: "\(scenario) \(protocolName) \(metric) K=\(shots) seed \(seed)",
                                model: model, modelValues: modelValues.map(Self.userValue),
                                reference: reference, referenceValues: referenceValues.map(Self.userValue)
                            ))
                            figures.append((figure, reference))
                        }
                    }
                }
            }
        }
        let tested = PairedComparison.compare(requests)
        let comparisons = zip(figures, tested).map { entry, test in
            FigureComparison(
                scenario: entry.0.scenario, protocolName: entry.0.protocolName, metric: entry.0.metric, shots: entry.0.shots,
                model: entry.0.model, reference: entry.reference, seed: entry.0.seed, pairs: test.pairs,
                meanDifference: test.meanDifference, wilcoxonP: test.wilcoxon.pValue, wilcoxonAdjustedP: test.wilcoxonAdjustedP,
                tTestP: test.tTest.pValue, tTestAdjustedP: test.tTestAdjustedP, cohensD: test.cohensD, rankBiserial: test.rankBiserial
            )
        }
        var verdicts = [FigureVerdict]()
        var grouped = [String: [FigureComparison]]()
        var order = [String]()
        for comparison in comparisons {
            let key = "\(comparison.scenario)\u{1F}\(comparison.protocolName)\u{1F}\(comparison.metric)\u{1F}\(comparison.model)"
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(comparison)
        }
        for key in order {
            guard let group = grouped[key], let first = group.first else { continue }
            let higherIsBetter = Metric(first.metric)?.higherIsBetter ?? true
            let verdict = SeedVerdict(perSeed: group.map { ($0.meanDifference, $0.wilcoxonAdjustedP) }, higherIsBetter: higherIsBetter, alpha: alpha)
            verdicts.append(FigureVerdict(
                scenario: first.scenario, protocolName: first.protocolName, metric: first.metric, shots: first.shots,
                model: first.model, reference: first.reference, verdict: verdict
            ))
        }
        self.init(alpha: alpha, comparisons: comparisons, verdicts: verdicts)
    }

    /// The scenario's named reference, else its strongest baseline (all models when none
    /// is marked a baseline) on the first metric with figures at `shots`.
    static func reference(in scenario: String, results: ResultSet, pivot: ResultPivot, shots: Int) -> String? {
        let file = results.header.scenarios.first { $0.name == scenario }
        if let named = file?.reference { return named }
        let models = pivot.models(in: scenario)
        let candidates = file.map { file in models.filter(file.baselines.contains) }.flatMap { $0.isEmpty ? nil : $0 } ?? models
        let protocolName = pivot.shotProtocols(in: scenario).first ?? ""
        for metric in pivot.metrics(in: scenario) {
            let scored = candidates.compactMap { model in
                pivot.figure(scenario: scenario, protocolName: protocolName, model: model, metric: metric, shots: shots).map { (model, $0.value) }
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

    private static func userValue(_ record: PerUserRecord) -> UserValue {
        UserValue(user: UserID(record.user), value: record.value)
    }
}
