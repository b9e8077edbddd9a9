/// What the onboarding protocol measured for one model: per-round figures at each K and,
/// per K and metric, the summary of the curve against the oracle's.
public struct OnboardingOutcome: Sendable {
    /// One measurement per K, round and metric (protocol `onboarding`, `shots` and `round` set).
    public let measurements: [Measurement]
    /// The curve summaries, K by K in the sweep's order, metric by metric.
    public let summaries: [OnboardingSummary]
}
