import Evaluation

// MARK: - Transfer to a shifted population

extension ResultPivot {
    /// The transfer protocol's rows of `scenario`.
    private func transferRows(in scenario: String) -> [ResultRow] {
        rows.filter { $0.scenario == scenario && $0.protocolName == TransferProtocol.name }
    }

    /// The K of `scenario`'s transfer protocol, ascending (empty when it does not run it).
    public func transferShots(in scenario: String) -> [Int] {
        Array(Set(transferRows(in: scenario).compactMap(\.shots))).sorted()
    }

    /// The metrics of `scenario`'s transfer protocol, in the scenario's order.
    public func transferMetrics(in scenario: String) -> [String] {
        let present = Set(transferRows(in: scenario).map(\.metric))
        let ordered = (declared[scenario]?.metrics ?? []).filter(present.contains)
        return ordered + present.subtracting(ordered).sorted()
    }

    /// The seed-aggregated transfer figure of one model, metric and K in `segment`
    /// (`TransferProtocol/inPopulationSegment`, `TransferProtocol/shiftedSegment` or
    /// `TransferProtocol/gapSegment`).
    public func transferFigure(scenario: String, model: String, metric: String, shots: Int, segment: String)
        -> SeedAggregate?
    {
        let matching = transferRows(in: scenario).filter {
            $0.model == model && $0.metric == metric && $0.shots == shots && $0.segment == segment
        }
        return matching.isEmpty ? nil : SeedAggregate(matching)
    }

    /// Whether a transfer gap is significant at 5 %: its 95 % interval (the bootstrap one
    /// with one seed, the t-interval across seeds with several) excludes 0.
    public static func isSignificantGap(_ gap: SeedAggregate) -> Bool {
        guard let interval = gap.interval95 else { return false }
        return interval.lowerBound > 0 || interval.upperBound < 0
    }
}
