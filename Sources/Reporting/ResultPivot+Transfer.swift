import Evaluation

// MARK: - Transfer to a shifted population

extension ResultPivot {
    /// The K of `scenario`'s transfer protocol, ascending (empty when it does not run it).
    public func transferShots(in scenario: String) -> [Int] {
        listed(scenario).transferShots
    }

    /// The metrics of `scenario`'s transfer protocol, in the scenario's order.
    public func transferMetrics(in scenario: String) -> [String] {
        let present = listed(scenario).transferMetrics
        let ordered = (declared[scenario]?.metrics ?? []).filter(present.contains)
        return ordered + present.subtracting(ordered).sorted()
    }

    /// The seed-aggregated transfer figure of one model, metric and K in `segment`
    /// (`TransferProtocol/inPopulationSegment`, `TransferProtocol/shiftedSegment` or
    /// `TransferProtocol/gapSegment`).
    public func transferFigure(scenario: String, model: String, metric: String, shots: Int, segment: String)
        -> SeedAggregate?
    {
        let matching = figureRows(
            scenario: scenario, protocolName: TransferProtocol.name, model: model, metric: metric, segment: segment
        ) { $0.shots == shots }
        return matching.isEmpty ? nil : SeedAggregate(matching)
    }

    /// Whether a transfer gap is significant at 5 %: its 95 % interval (the bootstrap one
    /// with one seed, the t-interval across seeds with several) excludes 0.
    public static func isSignificantGap(_ gap: SeedAggregate) -> Bool {
        guard let interval = gap.interval95 else { return false }
        return interval.lowerBound > 0 || interval.upperBound < 0
    }
}
