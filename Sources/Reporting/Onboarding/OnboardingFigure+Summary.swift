import Evaluation

extension OnboardingFigure {
    /// The reported form of one model's onboarding summary in one cell.
    init(_ summary: OnboardingSummary, scenario: String, model: String, seed: UInt64) {
        self.init(
            scenario: scenario, model: model, seed: seed, shots: summary.shots, metric: summary.metric.description,
            meanOverRounds: summary.meanOverRounds, oracleCurve: summary.oracleCurve,
            cumulativeRegret: summary.cumulativeRegret, cumulativeRegretLow: summary.cumulativeRegretLow,
            cumulativeRegretHigh: summary.cumulativeRegretHigh, roundsToReach: summary.reach?.round,
            roundsToReachLow: summary.reach?.low, roundsToReachHigh: summary.reach?.high, hasReach: summary.reach != nil
        )
    }
}
