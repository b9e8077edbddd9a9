import Learning
import RecData

/// A meta-learned two-tower model adapted to one user: the user's state scores any
/// candidates by one product with the catalogue's precomputed item outputs, and keeps
/// adapting as feedback arrives.
public struct TwoTowerUser: Personalized, Sendable {
    /// The user.
    public let user: UserID
    /// The adapted state: the user vector, then the user bias, one column per output.
    public private(set) var state: Matrix
    private let trained: TrainedTwoTower
    private var seen: [Interaction]

    init(user: UserID, state: Matrix, trained: TrainedTwoTower, seen: [Interaction]) {
        self.user = user
        self.state = state
        self.trained = trained
        self.seen = seen
    }

    /// Relevance scores under a ranking objective (the relevance head of the joint one),
    /// predicted ratings under squared error.
    public func scores(for candidates: [ItemID]) -> [Float] {
        output(trained.network.outputWidth - 1, for: candidates)
    }

    /// Predicted ratings clipped to the rating scale (squared error, or the joint
    /// objective's rating head); `nil` for implicit feedback or a ranking objective.
    public func predictedRatings(for items: [ItemID]) -> [Float]? {
        let factory = trained.factory
        guard factory.feedback.hasRatings, !factory.objectives.objective.ranks || trained.network.outputWidth == 2
        else { return nil }
        let scale = factory.feedback.scale
        return output(0, for: items).map { min(max($0, scale.lowerBound), scale.upperBound) }
    }

    /// Output column `column` for `items`: the whole catalogue's scores in one product
    /// when the items are a large share of it, the items' rows alone otherwise.
    private func output(_ column: Int, for items: [ItemID]) -> [Float] {
        let width = trained.network.outputWidth
        if 4 * items.count >= trained.catalogue.rows {
            let scores = trained.network.scores(trained.catalogue, state: state).storage
            return items.map { scores[$0.index * width + column] }
        }
        let scores = trained.network.scores(trained.catalogue.rows(items.map(\.index)), state: state).storage
        return stride(from: column, to: scores.count, by: width).map { scores[$0] }
    }

    /// Adapts further on new feedback from the current state, by at most
    /// ``AdaptationRule/onlineSteps`` of the inner loop's steps.
    public mutating func observe(_ feedback: [Interaction]) throws {
        learn(
            from: feedback, random: RandomSource(seed: UInt64(user.rawValue)).stream(UInt64(seen.count)),
            steps: min(trained.network.steps, AdaptationRule.onlineSteps))
    }

    /// `steps` inner steps on `interactions` under the support objective; negatives avoid
    /// every item seen so far.
    mutating func learn(from interactions: [Interaction], random: RandomSource, steps: Int) {
        guard !interactions.isEmpty else { return }
        seen += interactions
        var generator = random
        let factory = trained.factory
        let (batch, objective) = factory.labelled(
            user: user, interactions: interactions, known: Set(seen.map(\.item)), objective: factory.objectives.support,
            random: &generator
        )
        let network = trained.network
        let items = network.items(factory.encoder.itemInputs(batch), parameters: trained.parameters)
        state = network.adapt(
            state, support: items, objective: objective, rates: network.rates(trained.parameters), steps: steps)
    }
}

// MARK: - Storage footprint

extension TwoTowerUser: UserStateFootprint {
    /// The state matrix (block-diagonal: `w²(d + 1)` floats for `w` outputs) and the
    /// interactions remembered for online updates.
    public var userStateBytes: Int {
        ByteCount.of(state.storage) + ByteCount.of(seen)
    }
}
