/// The pivots every report draws from a result set, so that all reports agree.
public struct ResultPivot: Sendable {
    /// The rows pivoted.
    public let rows: [ResultRow]

    /// Creates a pivot of `results`' rows.
    public init(_ results: ResultSet) {
        self.rows = results.rows
    }

    /// Scenario names in first-seen (canonical) order.
    public var scenarios: [String] { unique(rows.map(\.scenario)) }

    /// The protocols run in `scenario`.
    public func protocols(in scenario: String) -> [String] {
        unique(rows.filter { $0.scenario == scenario }.map(\.protocolName))
    }

    /// The models run in `scenario`, in first-seen order.
    public func models(in scenario: String) -> [String] {
        unique(rows.filter { $0.scenario == scenario }.map(\.model))
    }

    /// The metrics measured in `scenario`, in first-seen order.
    public func metrics(in scenario: String) -> [String] {
        unique(rows.filter { $0.scenario == scenario }.map(\.metric))
    }

    /// The K values of the cold-start sweep in `scenario`, ascending.
    public func shots(in scenario: String) -> [Int] {
        Array(Set(rows.filter { $0.scenario == scenario }.compactMap(\.shots))).sorted()
    }

    /// The headline K of a scenario: the largest of its sweep.
    public func headlineShots(in scenario: String) -> Int? {
        shots(in: scenario).last
    }

    /// The seed-aggregated figure of one model, metric and K in the `all` segment.
    public func figure(scenario: String, protocolName: String, model: String, metric: String, shots: Int?) -> SeedAggregate? {
        let matching = rows.filter {
            $0.scenario == scenario && $0.protocolName == protocolName && $0.model == model
                && $0.metric == metric && $0.shots == shots && $0.segment == "all"
        }
        return matching.isEmpty ? nil : SeedAggregate(matching)
    }

    private func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
