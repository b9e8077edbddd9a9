import RecData
import Recommenders

/// One fitted model's users at one support size on several rankings, each user adapted
/// once for all the rankings that give them the same support set: MeLU's partitions rank
/// the existing and the new items for the same users (``ColdStartPartitions``: an
/// existing user's support is the end of their known history in both warm-state and
/// item-cold, a new user's the start of their history in both user-cold and
/// user-item-cold).
///
/// A user's adaptation serves a later ranking when that ranking's task holds the same
/// support set (compared, not assumed: a support drawn differently is adapted again) and
/// the adapted user is `ReusablePersonalized`. The later ranking scores an
/// `ReusablePersonalized.unscoredCopy()`, so every figure is the one a separate
/// adaptation gives, bit for bit; other models adapt once per ranking, as before.
///
/// **No support.** A model that can say which users it serves alike when adapted to
/// nothing (`EmptySupportProfiles`: the feature networks, whose users at K = 0 differ
/// only by their features) adapts the first user of each profile, and serves the
/// profile's other users from unscored copies of that adaptation.
///
/// **Cost.** Each adaptation is timed once, and that time counts in the adaptation latency
/// of every ranking it serves, as do its state bytes: a ranking's `adapt_ms_*` rows stay
/// the latency of adapting each of its users, now measured once per user and support set
/// (at K = 0, once per profile for the models above).
struct SharedAdaptation {
    /// One ranking at the support size: its evaluator, its users' tasks, and what each of
    /// them consumed before the query (in the tasks' order).
    struct Ranking {
        let evaluator: UserEvaluator
        let tasks: [UserTask]
        let consumed: [[Interaction]]
    }

    /// Each ranking's outcomes, in its tasks' order, with each user's adaptation and
    /// scoring times recorded in the ranking's cost (`costs`, one per ranking).
    ///
    /// Rankings are taken in order, and each one's users in order; a user not served yet
    /// is adapted, measured, and measured in every later ranking that holds them with the
    /// same support.
    static func outcomes(of fitted: any Recommender, on rankings: [Ranking], costs: inout [AdaptationCost]) throws
        -> [[UserOutcome]]
    {
        precondition(costs.count == rankings.count, "one cost per ranking")
        let positions = rankings.map { ranking in
            Dictionary(ranking.tasks.enumerated().map { ($1.user, $0) }) { first, _ in first }
        }
        var outcomes = rankings.map { [UserOutcome?](repeating: nil, count: $0.tasks.count) }
        var adaptations = ProfileAdaptations(fitted: fitted)
        for (index, ranking) in rankings.enumerated() {
            for (position, task) in ranking.tasks.enumerated() where outcomes[index][position] == nil {
                let (personalized, seconds) = try adaptations.adapt(task, cost: &costs[index])
                outcomes[index][position] = try evaluate(
                    ranking, at: position, personalized, model: fitted.name, cost: &costs[index])
                guard let reusable = personalized as? any ReusablePersonalized else { continue }
                for later in rankings.indices.dropFirst(index + 1) {
                    guard let shared = positions[later][task.user], outcomes[later][shared] == nil,
                        rankings[later].tasks[shared].support == task.support
                    else { continue }
                    costs[later].record(adaptation: seconds, of: personalized)
                    outcomes[later][shared] = try evaluate(
                        rankings[later], at: shared, reusable.unscoredCopy(), model: fitted.name, cost: &costs[later])
                }
            }
        }
        return outcomes.map { $0.compactMap { $0 } }
    }

    /// Adapts users, once per profile for the users adapted to nothing when the model
    /// says which users it serves alike (`EmptySupportProfiles`).
    private struct ProfileAdaptations {
        let fitted: any Recommender
        let profiles: (any EmptySupportProfiles)?
        /// Per profile, an unscored copy of the first adaptation to nothing, and its time.
        private var kept: [[UInt32]: (user: any ReusablePersonalized, seconds: Double)] = [:]

        init(fitted: any Recommender) {
            self.fitted = fitted
            self.profiles = fitted as? any EmptySupportProfiles
        }

        /// `task`'s user adapted to its support, or served from their profile's adaptation
        /// when the support is empty, recorded in `cost`; with the adaptation's time.
        mutating func adapt(_ task: UserTask, cost: inout AdaptationCost) throws -> (
            personalized: any Personalized, seconds: Double
        ) {
            guard task.support.isEmpty, let profile = profiles?.emptySupportProfile(of: task.user) else {
                return try cost.adapt(fitted, to: task)
            }
            if let (user, seconds) = kept[profile] {
                cost.record(adaptation: seconds, of: user)
                return (user.unscoredCopy(), seconds)
            }
            let adapted = try cost.adapt(fitted, to: task)
            if let reusable = adapted.personalized as? any ReusablePersonalized {
                kept[profile] = (reusable.unscoredCopy(), adapted.seconds)
            }
            return adapted
        }
    }

    /// The outcome of the user at `position` in `ranking`, served by `personalized` of
    /// `model`; its scoring time goes to `cost`.
    private static func evaluate(
        _ ranking: Ranking, at position: Int, _ personalized: any Personalized, model: String,
        cost: inout AdaptationCost
    ) throws -> UserOutcome {
        let outcome = try ranking.evaluator.evaluate(
            ranking.tasks[position], consumed: ranking.consumed[position], model: model, personalized: personalized)
        cost.record(scoring: outcome.scoringSeconds)
        return outcome
    }
}
