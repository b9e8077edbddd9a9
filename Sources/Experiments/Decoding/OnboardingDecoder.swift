import Evaluation

/// Decodes `protocols.onboarding` (``OnboardingConfig/fields``) into an ``OnboardingConfig``,
/// with file, line and field in every error. The protocol serves slates answered by a
/// world's choice model, so it runs on simulated worlds only (the scenario decoder refuses
/// it on a dataset).
struct OnboardingDecoder {
    func decode(_ node: SpecNode) throws -> OnboardingConfig {
        var config = OnboardingConfig()
        let onboarding = try node.decode(
            OnboardingConfig.fields, into: &config, context: DecodingContext(replay: false))
        if onboarding["metrics"] == nil { config.metrics = OnboardingConfig.defaultMetrics(k: config.slateSize) }
        return config
    }
}
