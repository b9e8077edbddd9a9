/// A protocol a scenario can run, by its key under `protocols`; a model entry's `protocols`
/// names the ones it runs in.
public enum ScenarioProtocol: String, CaseIterable, Hashable, Sendable {
    /// `cold_start`: K-shot adaptation of held-out users.
    case coldStart = "cold_start"
    /// `drift`: serving window by window along the clock.
    case drift
    /// `onboarding`: new users served a slate per round.
    case onboarding
    /// `transfer`: cold start on the world's own and on a shifted population.
    case transfer
}
