import RecData
import Recommenders

extension DriftProtocol {
    /// Serves window `windowIndex` of a replayed log: each served user's model catches up on
    /// the user's interactions since it last observed them, ranks the catalog minus what the
    /// user consumed before the window, is scored against the items the user interacted
    /// with in the window, then observes those interactions.
    func replay(windowIndex: Int, window: Range<Int64>, model: any Recommender, state: inout ServingState) throws
        -> WindowValues
    {
        var result = WindowValues()
        let catalog = dataset.allItems
        for user in served[windowIndex] {
            let history = histories[user.index]
            let before = history.prefix { $0.time < window.lowerBound }
            let inWindow = history.filter { window.contains($0.time) }
            var personalized =
                try state.personalized[user]
                ?? model.adapt(to: support(of: user, collected: state.collected[user]), user: user)
            let missed = Array(before.drop { $0.time < (state.observedUntil[user] ?? start) })
            if !missed.isEmpty {
                try personalized.observe(missed)
                state.collected[user, default: []] += missed
            }
            let consumed = Set(before.map(\.item))
            let relevant = Set(inWindow.map(\.item)).subtracting(consumed)
            let pool = catalog.filter { !consumed.contains($0) }
            if !relevant.isEmpty, !pool.isEmpty {
                guard !(personalized is OracleRanking) else { throw EvaluationError.noOracle(model: model.name) }
                let scores = personalized.scores(for: pool)
                guard scores.count == pool.count else {
                    throw EvaluationError.wrongScoreCount(
                        model: model.name, expected: pool.count, received: scores.count)
                }
                let ranked = RankedRelevance(
                    candidates: pool, scores: scores,
                    grades: Dictionary(uniqueKeysWithValues: relevant.map { ($0, 1.0) }))
                for metric in config.metrics {
                    guard let value = RankingAccuracy.value(of: metric, for: ranked) else { continue }
                    result.values[metric, default: []].append(UserValue(user: user, value: value))
                }
            }
            try personalized.observe(inWindow)
            state.collected[user, default: []] += inWindow
            state.observedUntil[user] = window.upperBound
            state.personalized[user] = personalized
        }
        return result
    }
}
