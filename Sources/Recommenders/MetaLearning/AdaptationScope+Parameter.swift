/// The `adapt` parameter of the gradient-based meta-learners that let the scenario choose
/// where personalization lives.
extension AdaptationScope {
    /// `adapt: all | decision | head`: every tensor (MAML as published), the dense decision
    /// layers with shared embeddings (MeLU's split), or the output layer alone with a shared
    /// body (ANIL, Raghu, Raghu, Bengio & Vinyals, "Rapid Learning or Feature Reuse?",
    /// ICLR 2020).
    static func parameterSpec(defaultValue: String) -> ParameterSpec {
        ParameterSpec(
            name: "adapt", kind: .choice(["all", "decision", "head"]), defaultValue: .string(defaultValue),
            summary:
                "What adapts per user: all tensors, the decision layers (MeLU), or the output layer alone (ANIL, Raghu et al. 2020)."
        )
    }

    /// The scope the resolved `adapt` parameter names.
    static func fromParameter(_ parameters: ModelParameters) -> AdaptationScope {
        switch parameters.string("adapt") {
        case "decision": return .decisionLayers
        case "head": return .head
        default: return .allParameters
        }
    }
}
