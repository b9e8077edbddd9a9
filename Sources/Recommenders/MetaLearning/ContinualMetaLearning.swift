import RecData

/// A model that keeps meta-learning from the feedback it serves: the loop meta-learning
/// recommenders draw (serve, record feedback, update the meta-learner), as opposed to
/// adapting each user online (``Personalized/observe(_:)``) or refitting from scratch.
public protocol ContinualMetaLearning: Recommender {
    /// Whether the model takes meta-updates from served feedback (`meta_update: online`).
    var updatesOnline: Bool { get }

    /// A bounded number of outer steps (`meta_steps`) on tasks built from served users:
    /// each task's support is what the user did before, its query what the user answered
    /// since. Users must then be adapted anew to see the change.
    mutating func metaUpdate(on tasks: [UserTask], random: RandomSource) throws
}

/// The `meta_update` and `meta_steps` parameters of the gradient-based meta-learners.
public enum MetaUpdate: Hashable, Sendable {
    /// No meta-updates after fitting.
    case none
    /// `steps` outer steps after each window of served feedback.
    case online(steps: Int)

    /// The parameters' specifications.
    static let specs = [
        ParameterSpec(
            name: "meta_update", kind: .choice(["none", "online"]), defaultValue: .string("none"),
            summary: "Meta-update from served feedback after each drift window (online) or not (none)."),
        ParameterSpec(
            name: "meta_steps", kind: .int(1...1_000), defaultValue: .int(1),
            summary: "Outer steps per online meta-update."),
    ]

    /// The update the resolved parameters name.
    static func fromParameters(_ parameters: ModelParameters) -> MetaUpdate {
        parameters.string("meta_update") == "online" ? .online(steps: parameters.int("meta_steps") ?? 1) : .none
    }
}
