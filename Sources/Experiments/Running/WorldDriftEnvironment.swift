import Evaluation
import RecData
import Simulation

/// A simulated world as the drift protocol's environment: its time-aware oracle says what
/// users want and answers slates the way the world's own behaviour model would.
struct WorldDriftEnvironment: DriftEnvironment {
    let world: World

    var clockEnd: Int64 { world.clock.duration }

    var shiftEvents: [DriftShiftEvent] {
        world.shiftEvents.map { event in
            let change: DriftShiftEvent.Change
            switch event.kind {
            case .sudden: change = .sudden
            case .burst: change = .burst(lift: event.magnitude)
            case .gradual, .periodic, .trend, .churn, .reinforcement: change = .continuous
            }
            return DriftShiftEvent(time: event.start, label: event.summary, change: change)
        }
        .sorted { $0.time < $1.time }
    }

    func candidates(at time: Int64) -> [ItemID] {
        world.oracle.availableItems(at: time)
    }

    func utilities(user: UserID, items: [ItemID], at time: Int64) -> [Double] {
        world.oracle.utilities(user: user, items: items, at: time)
    }

    /// The probability that `slate` earns a logged answer, by the chain ``respond(user:slate:at:random:)``
    /// draws from: a pick by the choice model, then the pick's dataset probability (a
    /// purchase, a watch, a rating, as the family logs it) — the same chain as a model's hit.
    func acceptance(user: UserID, slate: [ItemID], at time: Int64) -> Double {
        let choice = world.oracle.choiceProbabilities(user: user, slate: slate, at: time)
        return zip(slate, choice.items).reduce(0.0) { total, pick in
            total + pick.1 * world.oracle.feedback(user: user, item: pick.0, at: time).datasetProbability
        }
    }

    /// Draws the user's pick from the slate by the world's choice model; a pick becomes an
    /// interaction with the family's dataset probability, valued as the family logs it (a
    /// rating drawn from the true rating distribution, the expected watch fraction, or 1).
    func respond(user: UserID, slate: [ItemID], at time: Int64, random: inout RandomSource) -> Interaction? {
        let choice = world.oracle.choiceProbabilities(user: user, slate: slate, at: time)
        var draw = random.nextUnit()
        guard
            let position = choice.items.firstIndex(where: {
                draw -= $0
                return draw < 0
            })
        else { return nil }
        let item = slate[position]
        let feedback = world.oracle.feedback(user: user, item: item, at: time)
        guard random.nextUnit() < feedback.datasetProbability else { return nil }
        let value: Float
        if let ratings = feedback.ratings, world.dataset.feedback.hasRatings {
            var pick = random.nextUnit() * ratings.reduce(0, +)
            let index =
                ratings.firstIndex {
                    pick -= $0
                    return pick < 0
                } ?? ratings.count - 1
            value = Float(index + 1)
        } else if world.dataset.feedback.hasRatings || feedback.expectedWatchFraction != nil {
            value = Float(feedback.expectedValue)
        } else {
            value = 1
        }
        return Interaction(user: user, item: item, time: time, value: value)
    }
}
