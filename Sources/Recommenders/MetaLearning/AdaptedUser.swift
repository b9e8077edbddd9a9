import Learning
import RecData

/// A meta-learned network adapted to one user: it scores any candidates in batches through
/// BLAS, predicts ratings, and keeps adapting as feedback arrives.
public struct AdaptedUser: Personalized, Sendable {
    /// The user.
    public let user: UserID
    /// The adapted parameters.
    public private(set) var parameters: ParameterSet
    private let network: FeatureNetwork
    private let factory: MetaTaskFactory
    private let rule: AdaptationRule
    private var seen: [Interaction]

    /// Rows scored per forward pass.
    static let chunkSize = 2_048

    init(user: UserID, parameters: ParameterSet, network: FeatureNetwork, factory: MetaTaskFactory, rule: AdaptationRule, seen: [Interaction]) {
        self.user = user
        self.parameters = parameters
        self.network = network
        self.factory = factory
        self.rule = rule
        self.seen = seen
    }

    /// Network outputs for the candidates: predicted ratings, or logits for implicit feedback.
    public func scores(for candidates: [ItemID]) -> [Float] {
        var result = [Float]()
        result.reserveCapacity(candidates.count)
        for start in stride(from: 0, to: candidates.count, by: Self.chunkSize) {
            let chunk = Array(candidates[start..<min(start + Self.chunkSize, candidates.count)])
            result += network.outputs(factory.encoder.batch(user: user, items: chunk), parameters: parameters)
        }
        return result
    }

    /// Predicted ratings clipped to the rating scale; `nil` for implicit feedback.
    public func predictedRatings(for items: [ItemID]) -> [Float]? {
        guard factory.feedback.hasRatings else { return nil }
        let scale = factory.feedback.scale
        return scores(for: items).map { min(max($0, scale.lowerBound), scale.upperBound) }
    }

    /// Adapts further on the new feedback: the first adaptation's update with at most the
    /// inner loop's steps (see `TrainedNetwork.observationRule`).
    public mutating func observe(_ feedback: [Interaction]) throws {
        guard !feedback.isEmpty else { return }
        var random = RandomSource(seed: UInt64(user.rawValue)).stream(UInt64(seen.count))
        seen += feedback
        let (batch, objective) = factory.labelled(user: user, interactions: feedback, known: Set(seen.map(\.item)), random: &random)
        parameters = rule.adapt(parameters, support: batch, objective: objective)
    }
}
