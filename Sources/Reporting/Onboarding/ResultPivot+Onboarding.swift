extension ResultPivot {
    /// The name of the onboarding protocol's rows.
    public var onboardingProtocol: String { "onboarding" }

    /// The onboarding protocol's rows of `scenario`.
    private func onboardingRows(in scenario: String) -> [ResultRow] {
        rows.filter { $0.scenario == scenario && $0.protocolName == onboardingProtocol }
    }

    /// The onboarding protocol's rounds in `scenario`, ascending.
    public func rounds(in scenario: String) -> [Int] {
        Array(Set(onboardingRows(in: scenario).compactMap(\.round))).sorted()
    }

    /// The support sizes K the onboarding protocol ran in `scenario`, ascending.
    public func onboardingShots(in scenario: String) -> [Int] {
        Array(Set(onboardingRows(in: scenario).compactMap(\.shots))).sorted()
    }

    /// The metrics the onboarding protocol measured in `scenario`, in first-seen order.
    public func onboardingMetrics(in scenario: String) -> [String] {
        var seen = Set<String>()
        return onboardingRows(in: scenario).map(\.metric).filter { seen.insert($0).inserted }
    }

    /// The seed-aggregated onboarding figure of one model and metric at one K and round.
    public func onboardingFigure(scenario: String, model: String, metric: String, shots: Int, round: Int)
        -> SeedAggregate?
    {
        let matching = onboardingRows(in: scenario).filter {
            $0.model == model && $0.metric == metric && $0.shots == shots && $0.round == round && $0.segment == "all"
        }
        return matching.isEmpty ? nil : SeedAggregate(matching)
    }
}
