import RecData

/// The ceiling every chart can show: ranks by the user's true utility at the moment they
/// are served.
///
/// It learns nothing and has no scores of its own: a protocol that finds an
/// ``OracleRanking`` asks its simulated world's oracle for the candidates' utilities at the
/// serving time and ranks by them (ties by item id). Only simulated worlds have an oracle;
/// scenarios on real data refuse the model, and a protocol without an oracle reports an error.
public struct OracleRecommender: Recommender, Sendable {
    /// The model's name in results.
    public static let modelName = "oracle"
    public let name = OracleRecommender.modelName

    /// Creates the model.
    public init() {}

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        OracleRanking()
    }
}

/// The oracle's stand-in for personalized scores: the protocol ranks by the world's true
/// utilities instead of calling ``scores(for:)``, which no protocol should reach.
public struct OracleRanking: Personalized, Sendable {
    /// Zero for every candidate: the protocol ranks by true utilities in its place.
    public func scores(for candidates: [ItemID]) -> [Float] {
        [Float](repeating: 0, count: candidates.count)
    }

    /// No rating predictions: the oracle knows utilities, not the logged rating scale.
    public func predictedRatings(for items: [ItemID]) -> [Float]? { nil }

    /// Nothing to learn: the oracle already knows.
    public mutating func observe(_ feedback: [Interaction]) throws {}
}
