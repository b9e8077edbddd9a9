import RecData

/// One metric's per-user, per-round values under the onboarding protocol beside the
/// oracle's level for the same users and rounds, summarized into an ``OnboardingSummary``.
struct OnboardingCurve {
    /// Per user, per round: the model's value, `nil` where the user was not served.
    let values: [[Double?]]
    /// Per user, per round: the oracle's level.
    let oracle: [[Double?]]
    /// Whether a larger value is better.
    let higherIsBetter: Bool

    /// The per-round means over the users in `users` (indices into the values), with the
    /// oracle's per-round means over the same users.
    func curves(of users: [Int]) -> (model: [Double], oracle: [Double]) {
        let rounds = values.first?.count ?? 0
        var model = [Double](repeating: 0, count: rounds)
        var level = [Double](repeating: 0, count: rounds)
        var counts = [Int](repeating: 0, count: rounds)
        for user in users {
            for round in 0..<rounds {
                guard let value = values[user][round], let reference = oracle[user][round] else { continue }
                model[round] += value
                level[round] += reference
                counts[round] += 1
            }
        }
        for round in 0..<rounds where counts[round] > 0 {
            model[round] /= Double(counts[round])
            level[round] /= Double(counts[round])
        }
        return (model, level)
    }

    /// The first round (1-based) at which `model` reaches `share` of `oracle`, or `nil`.
    static func reachRound(model: [Double], oracle: [Double], share: Double) -> Int? {
        model.indices.first { model[$0] >= share * oracle[$0] }.map { $0 + 1 }
    }

    /// The summary at `shots` of `metric`: means over all users, the cumulative shortfall
    /// over users served in every round, and the round reaching the oracle's share, with
    /// percentile bootstrap intervals over users from `resamples` resamples of `random`.
    func summary(shots: Int, metric: Metric, resamples: Int, random: RandomSource) -> OnboardingSummary {
        let everyone = Array(values.indices)
        let (model, level) = curves(of: everyone)
        let shortfalls = everyone.compactMap { user -> Double? in
            var total = 0.0
            for (value, reference) in zip(values[user], oracle[user]) {
                guard let value, let reference else { return nil }
                total += higherIsBetter ? reference - value : value - reference
            }
            return total
        }
        let interval = Bootstrap.meanInterval(of: shortfalls, resamples: resamples, random: random.stream("cumulative"))
        let reach =
            higherIsBetter
            ? self.reach(model: model, oracle: level, resamples: resamples, random: random.stream("reach")) : nil
        return OnboardingSummary(
            shots: shots, metric: metric, meanOverRounds: model.isEmpty ? 0 : model.reduce(0, +) / Double(model.count),
            oracleCurve: level,
            cumulativeRegret: shortfalls.isEmpty ? 0 : shortfalls.reduce(0, +) / Double(shortfalls.count),
            cumulativeRegretLow: interval.low, cumulativeRegretHigh: interval.high, reach: reach
        )
    }

    /// The reach round of the mean curves and its 95 % percentile interval over resamples
    /// of users; a resample that never reaches counts as later than every round.
    private func reach(model: [Double], oracle: [Double], resamples: Int, random: RandomSource)
        -> OnboardingSummary.Reach
    {
        let share = OnboardingProtocol.reachShare
        let round = Self.reachRound(model: model, oracle: oracle, share: share)
        guard values.count > 1, resamples > 0 else {
            return OnboardingSummary.Reach(round: round, low: round, high: round)
        }
        var generator = random
        let never = Int.max
        var rounds = [Int]()
        rounds.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let drawn = values.indices.map { _ in generator.nextIndex(below: values.count) }
            let curves = curves(of: drawn)
            rounds.append(Self.reachRound(model: curves.model, oracle: curves.oracle, share: share) ?? never)
        }
        rounds.sort()
        let at = { (p: Double) -> Int? in
            let value = rounds[min(rounds.count - 1, Int((p * Double(rounds.count - 1)).rounded()))]
            return value == never ? nil : value
        }
        return OnboardingSummary.Reach(round: round, low: at(0.025), high: at(0.975))
    }
}
