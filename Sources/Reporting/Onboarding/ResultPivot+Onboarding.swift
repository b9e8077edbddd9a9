extension ResultPivot {
    /// The name of the onboarding protocol's rows.
    public var onboardingProtocol: String { "onboarding" }

    /// The onboarding protocol's rounds in `scenario`, ascending.
    public func rounds(in scenario: String) -> [Int] {
        listed(scenario).rounds
    }

    /// The support sizes K the onboarding protocol ran in `scenario`, ascending.
    public func onboardingShots(in scenario: String) -> [Int] {
        listed(scenario).onboardingShots
    }

    /// The metrics the onboarding protocol measured in `scenario`, in first-seen order.
    public func onboardingMetrics(in scenario: String) -> [String] {
        listed(scenario).onboardingMetrics
    }

    /// The seed-aggregated onboarding figure of one model and metric at one K and round.
    public func onboardingFigure(scenario: String, model: String, metric: String, shots: Int, round: Int)
        -> SeedAggregate?
    {
        let matching = figureRows(
            scenario: scenario, protocolName: onboardingProtocol, model: model, metric: metric, segment: "all"
        ) { $0.shots == shots && $0.round == round }
        return matching.isEmpty ? nil : SeedAggregate(matching)
    }
}
