import Evaluation

/// Compares a candidate run with a baseline run, metric by metric.
///
/// A figure is the mean over seeds of one scenario, protocol, model, segment, K or window
/// and metric. It **regressed** when it moved in the metric's worse direction by more than
/// its tolerance and — where both runs kept per-user values — a paired test on the same
/// users and seeds finds the change significant; a change beyond tolerance that is not
/// significant is **noise**. Runs of different scenarios or seeds cannot be compared.
/// Measured wall times (`fit_seconds`, `adapt_ms_p50`, …; `Metric/isMeasured`) are left
/// out unless the tolerances name them (``ToleranceSet/gates(_:)``).
public struct RegressionGate: Sendable {
    /// A paired significance test: the two-sided p-value of per-pair differences
    /// (candidate − baseline) having median zero.
    public typealias PairedTest = @Sendable (_ differences: [Double]) -> Double

    /// The tolerances and significance level.
    public let tolerances: ToleranceSet
    /// The paired test used where per-user values exist.
    public let pairedTest: PairedTest

    /// Creates a gate.
    public init(tolerances: ToleranceSet, pairedTest: @escaping PairedTest) {
        self.tolerances = tolerances
        self.pairedTest = pairedTest
    }

    /// One run's results and, when it kept them, its per-user values.
    public struct Run: Sendable {
        /// The results.
        public let results: ResultSet
        /// Per-user values, or `nil` when the run has none.
        public let perUser: [PerUserRecord]?

        /// Creates a run.
        public init(results: ResultSet, perUser: [PerUserRecord]?) {
            self.results = results
            self.perUser = perUser
        }
    }

    /// Compares `candidate` with `baseline`.
    ///
    /// A partial run (interrupted, or merged from too few shards) is refused unless
    /// `allowPartial` is set; then only the cells present in both runs are compared, and the
    /// report's note says so.
    public func compare(baseline: Run, candidate: Run, allowPartial: Bool = false) throws -> ComparisonReport {
        let partial = [("baseline", baseline), ("candidate", candidate)].filter { $0.1.results.header.partial }.map(\.0)
        guard partial.isEmpty else {
            guard allowPartial else {
                throw ComparisonError(
                    "the \(partial.joined(separator: " and the ")) is partial (some planned cells were not run); "
                        + "compare complete runs, or pass --allow-partial to compare only the cells present in both"
                )
            }
            let common = Self.cells(of: baseline).intersection(Self.cells(of: candidate))
            let left = Self.cells(of: baseline).union(Self.cells(of: candidate)).count - common.count
            var report = try compare(
                baseline: baseline.restricted(to: common), candidate: candidate.restricted(to: common))
            report.note =
                "the \(partial.joined(separator: " and the ")) is partial: compared only the \(common.count) cell(s) present in both, left out \(left)"
            return report
        }
        try checkComparable(baseline.results, candidate.results)
        // The validation users' figures only choose the reference; they have no per-user
        // values to test, so they are not gated. Measured wall times are gated only when named.
        let gated = { (rows: [ResultRow]) in
            rows.filter { $0.segment != ColdStartProtocol.validationSegment && self.tolerances.gates($0.metric) }
        }
        let baseRows = Dictionary(grouping: gated(baseline.results.rows), by: ComparisonKey.init)
        let candidateRows = Dictionary(grouping: gated(candidate.results.rows), by: ComparisonKey.init)
        let basePerUser = baseline.perUser.map(Self.index)
        let candidatePerUser = candidate.perUser.map(Self.index)
        var comparisons = [MetricComparison]()
        for key in Set(baseRows.keys).union(candidateRows.keys).sorted() {
            guard let higherIsBetter = Metric(key.metric)?.higherIsBetter else {
                throw ComparisonError("unknown metric '\(key.metric)': cannot tell which direction is better")
            }
            let base = baseRows[key].map(Self.mean)
            let cand = candidateRows[key].map(Self.mean)
            let allowance = tolerances.tolerance(for: key.metric).allowance(for: base ?? 0)
            guard let base, let cand else {
                comparisons.append(
                    MetricComparison(
                        key: key, baseline: base, candidate: cand, allowance: allowance, pValue: nil, pairs: 0,
                        verdict: base == nil ? .added : .missing
                    ))
                continue
            }
            let differences = Self.pairedDifferences(basePerUser?[key], candidatePerUser?[key])
            let pValue = differences.count >= 2 ? pairedTest(differences) : nil
            let worsening = higherIsBetter ? base - cand : cand - base
            let verdict: Verdict
            if worsening > allowance {
                verdict = pValue.map { $0 < tolerances.alpha } ?? true ? .regressed : .noise
            } else if -worsening > allowance {
                verdict = .improved
            } else {
                verdict = .unchanged
            }
            comparisons.append(
                MetricComparison(
                    key: key, baseline: base, candidate: cand, allowance: allowance, pValue: pValue,
                    pairs: differences.count, verdict: verdict
                ))
        }
        return ComparisonReport(comparisons: comparisons, tolerances: tolerances)
    }

    // MARK: - Helpers

    private static func cells(of run: Run) -> Set<ResultHeader.CellID> {
        Set(run.results.rows.map { ResultHeader.CellID(scenario: $0.scenario, model: $0.model, seed: $0.seed) })
    }

    private func checkComparable(_ baseline: ResultSet, _ candidate: ResultSet) throws {
        let baseScenarios = Set(baseline.rows.map(\.scenario))
        let candidateScenarios = Set(candidate.rows.map(\.scenario))
        guard baseScenarios == candidateScenarios else {
            let onlyBase = baseScenarios.subtracting(candidateScenarios).sorted()
            let onlyCandidate = candidateScenarios.subtracting(baseScenarios).sorted()
            throw ComparisonError(
                "different scenarios (only in baseline: \(onlyBase.joined(separator: ", ")); only in candidate: \(onlyCandidate.joined(separator: ", ")))"
            )
        }
        for scenario in baseScenarios.sorted() {
            let baseSeeds = Set(baseline.rows.filter { $0.scenario == scenario }.map(\.seed))
            let candidateSeeds = Set(candidate.rows.filter { $0.scenario == scenario }.map(\.seed))
            guard baseSeeds == candidateSeeds else {
                throw ComparisonError(
                    "scenario '\(scenario)' ran seeds \(baseSeeds.sorted()) in the baseline but \(candidateSeeds.sorted()) in the candidate"
                )
            }
        }
    }

    private static func mean(_ rows: [ResultRow]) -> Double {
        rows.reduce(0) { $0 + $1.value } / Double(rows.count)
    }

    private struct PairKey: Hashable {
        let seed: UInt64
        let user: UInt32
    }

    private static func index(_ records: [PerUserRecord]) -> [ComparisonKey: [PairKey: Double]] {
        var index = [ComparisonKey: [PairKey: Double]]()
        for record in records {
            index[ComparisonKey(record), default: [:]][PairKey(seed: record.seed, user: record.user)] = record.value
        }
        return index
    }

    private static func pairedDifferences(_ base: [PairKey: Double]?, _ candidate: [PairKey: Double]?) -> [Double] {
        guard let base, let candidate else { return [] }
        return base.sorted { ($0.key.seed, $0.key.user) < ($1.key.seed, $1.key.user) }.compactMap { pair, value in
            candidate[pair].map { $0 - value }
        }
    }
}

extension RegressionGate.Run {
    /// The run with only the rows and per-user values of `cells`, complete as far as they go.
    func restricted(to cells: Set<ResultHeader.CellID>) -> Self {
        let keep = { (coordinates: ResultCoordinates) in
            cells.contains(
                ResultHeader.CellID(scenario: coordinates.scenario, model: coordinates.model, seed: coordinates.seed))
        }
        var results = self.results
        results.rows = results.rows.filter { keep($0.coordinates) }
        results.header.partial = false
        return Self(results: results, perUser: perUser?.filter { keep($0.coordinates) })
    }
}
