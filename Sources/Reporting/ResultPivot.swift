import Evaluation

/// The pivots every report draws from a result set, so that all reports agree.
public struct ResultPivot: Sendable {
    /// The rows pivoted.
    public let rows: [ResultRow]
    let declared: [String: ResultHeader.ScenarioFile]
    private let declaredScenarios: [String]
    /// Each scenario's lists and each figure's rows, built once.
    let index: ResultPivotIndex

    /// Creates a pivot of `results`' rows.
    public init(_ results: ResultSet) {
        self.rows = results.rows
        self.declared = Dictionary(
            results.header.scenarios.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.declaredScenarios = results.header.scenarios.map(\.name)
        self.index = ResultPivotIndex(
            rows: results.rows, driftProtocol: DriftProtocol.name, onboardingProtocol: OnboardingProtocol.name,
            transferProtocol: TransferProtocol.name)
    }

    /// Scenario names in the suite's order.
    public var scenarios: [String] {
        inDeclaredOrder(index.scenarioNames, declaredScenarios)
    }

    /// What the index lists of `scenario` (empty lists for a scenario without rows).
    func listed(_ scenario: String) -> ResultPivotIndex.Scenario {
        index.scenarios[scenario] ?? ResultPivotIndex.Scenario()
    }

    /// The rows of one figure across seeds, K, windows and rounds that pass `keep`, in row order.
    func figureRows(
        scenario: String, protocolName: String, model: String, metric: String, segment: String,
        where keep: (ResultRow) -> Bool
    ) -> [ResultRow] {
        let key = ResultPivotIndex.FigureKey(
            scenario: scenario, protocolName: protocolName, model: model, metric: metric, segment: segment)
        return (index.figures[key] ?? []).lazy.map { rows[$0] }.filter(keep)
    }

    /// The protocols run in `scenario`.
    public func protocols(in scenario: String) -> [String] {
        listed(scenario).protocols
    }

    /// The protocols of `scenario` measured at support sizes alone (all but the drift and
    /// onboarding protocols).
    public func shotProtocols(in scenario: String) -> [String] {
        protocols(in: scenario).filter { !servingProtocols.contains($0) }
    }

    /// The protocols whose rows lie along a window or round rather than at K alone, and the
    /// transfer protocol, whose rows compare two populations and have their own table.
    private var servingProtocols: [String] { [driftProtocol, onboardingProtocol, TransferProtocol.name] }

    /// The name of the drift protocol's rows.
    public let driftProtocol = "drift"

    /// The drift protocol's windows in `scenario`, ascending.
    public func windows(in scenario: String) -> [Int] {
        listed(scenario).windows
    }

    /// The metrics the drift protocol measured in `scenario`, in first-seen order.
    public func driftMetrics(in scenario: String) -> [String] {
        listed(scenario).driftMetrics
    }

    /// The seed-aggregated drift figure of one model and metric in one window.
    public func driftFigure(scenario: String, model: String, metric: String, window: Int) -> SeedAggregate? {
        let matching = figureRows(
            scenario: scenario, protocolName: driftProtocol, model: model, metric: metric, segment: UserSegments.all
        ) { $0.window == window }
        return matching.isEmpty ? nil : SeedAggregate(matching)
    }

    /// The models run in `scenario`, in the scenario's order.
    public func models(in scenario: String) -> [String] {
        inDeclaredOrder(listed(scenario).models, declared[scenario]?.models)
    }

    /// The models that ran `protocolName` in `scenario` (any row under it), in the scenario's
    /// order: a model entry restricted to other protocols (`protocols: [drift]`) has no
    /// place in this protocol's tables, while one that ran it and lacks a figure shows "–".
    public func models(in scenario: String, protocolName: String) -> [String] {
        let ran = listed(scenario).protocolModels[protocolName] ?? []
        return models(in: scenario).filter(ran.contains)
    }

    /// The metrics measured at support sizes in `scenario`, in the scenario's order, but
    /// for the cost of adapting, which has its own table (``costMetrics(in:)``).
    public func metrics(in scenario: String) -> [String] {
        inDeclaredOrder(
            listed(scenario).shotMetrics.filter { Metric($0)?.family != .cost }, declared[scenario]?.metrics)
    }

    /// The metrics of `scenario` that vary with K and are drawn against it: all but the
    /// model's size, which is the same at every K.
    public func curveMetrics(in scenario: String) -> [String] {
        metrics(in: scenario).filter { Metric($0)?.family != .modelSize }
    }

    /// Whether `scenario` has ground truth: rows of oracle-relative metrics, which only a
    /// simulated world's oracle gives.
    public func hasGroundTruth(_ scenario: String) -> Bool {
        listed(scenario).metrics.contains { Metric($0)?.family == .oracleRelative }
    }

    /// `metric` as reports head it: where ground truth stands beside them, metrics scored
    /// against the logged interactions (ranking and rating accuracy) read `ndcg@10 (logged)`,
    /// since a simulated log shows mostly what its logging policy chose to show.
    public static func label(_ metric: String, groundTruth: Bool) -> String {
        guard groundTruth, let family = Metric(metric)?.family, family == .rankingAccuracy || family == .ratingAccuracy
        else { return metric }
        return "\(metric) (logged)"
    }

    /// `present` sorted by position in `order`; names missing from it keep their order at the end.
    private func inDeclaredOrder(_ present: [String], _ order: [String]?) -> [String] {
        guard let order else { return present }
        let rank = { (name: String) in order.firstIndex(of: name) ?? order.count }
        return present.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(
            \.element)
    }

    /// The K values of the cold-start sweep in `scenario`, ascending (empty when the
    /// scenario runs no cold-start protocol).
    public func shots(in scenario: String) -> [Int] {
        listed(scenario).shots
    }

    /// The headline K of a scenario: the largest of its sweep.
    public func headlineShots(in scenario: String) -> Int? {
        shots(in: scenario).last
    }

    /// The seed-aggregated figure of one model, metric and K in the `all` segment.
    public func figure(scenario: String, protocolName: String, model: String, metric: String, shots: Int?)
        -> SeedAggregate?
    {
        let matching = figureRows(
            scenario: scenario, protocolName: protocolName, model: model, metric: metric, segment: UserSegments.all
        ) { $0.shots == shots }
        return matching.isEmpty ? nil : SeedAggregate(matching)
    }
}
