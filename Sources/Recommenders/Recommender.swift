import RecData

/// A recommender that can be pre-trained on many users and then personalized for one.
///
/// The life of a model in a cell: ``fit(_:validation:random:)`` once on the meta-train
/// users, then ``adapt(to:user:)`` for every evaluated user with that user's support set.
public protocol Recommender {
    /// The name the model is registered and reported under.
    var name: String { get }

    /// Learns from the meta-training users (their full histories); any tuning or early
    /// stopping uses the validation users' tasks, never test users.
    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws

    /// Personalizes for one user from K support interactions (K may be 0: features only).
    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized
}

/// A model personalized for one user.
public protocol Personalized {
    /// One score per candidate, in the candidates' order; higher is better.
    func scores(for candidates: [ItemID]) -> [Float]

    /// Predicted ratings for `items`, or `nil` when the model does not predict ratings.
    func predictedRatings(for items: [ItemID]) -> [Float]?

    /// Drift protocol: new feedback arrives; update in place (online adaptation).
    mutating func observe(_ feedback: [Interaction]) throws
}
