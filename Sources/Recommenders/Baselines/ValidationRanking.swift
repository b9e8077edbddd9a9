import Foundation
import RecData

/// The criterion grid searches maximize: mean NDCG@10 over the validation users, ranking
/// the full catalog minus each user's support items after adapting on the support set.
///
/// A query item is relevant when its value is at least three quarters up the rating scale
/// (4 on a 1–5 scale, the cold-start protocol's default threshold); every implicit
/// interaction is relevant. Users without a relevant query item are skipped. Ties rank the
/// lower item id first, as the evaluation does.
public enum ValidationRanking {
    /// The cutoff of the NDCG.
    public static let cutoff = 10

    /// The most validation users early stopping ranks for after each epoch (the first ones,
    /// in the protocol's order), bounding its cost on large worlds.
    public static let earlyStoppingUsers = 200

    /// Mean NDCG@``cutoff`` of `model` on `tasks`; 0 when no task has a relevant item.
    public static func meanNDCG(of model: any Recommender, tasks: [UserTask], dataset: Dataset) throws -> Double {
        try meanNDCG(tasks: tasks, dataset: dataset) { try model.adapt(to: $0, user: $1) }
    }

    /// Mean NDCG@``cutoff`` on `tasks` of the users `adapt` personalizes for.
    static func meanNDCG(tasks: [UserTask], dataset: Dataset, adapt: ([Interaction], UserID) throws -> any Personalized)
        rethrows -> Double
    {
        let scale = dataset.feedback.scale
        let threshold = scale.upperBound - (scale.upperBound - scale.lowerBound) / 4
        var total = 0.0
        var counted = 0
        var inSupport = [Bool](repeating: false, count: dataset.itemCount)
        for task in tasks {
            let relevant = Set(task.query.filter { !dataset.feedback.hasRatings || $0.value >= threshold }.map(\.item))
            guard !relevant.isEmpty else { continue }
            for interaction in task.support { inSupport[interaction.item.index] = true }
            let candidates = (0..<dataset.itemCount).compactMap { inSupport[$0] ? nil : ItemID(index: $0) }
            for interaction in task.support { inSupport[interaction.item.index] = false }
            let scores = try adapt(task.support, task.user).scores(for: candidates)
            total += ndcg(top: top(cutoff, of: candidates, scores: scores), relevant: relevant)
            counted += 1
        }
        return counted > 0 ? total / Double(counted) : 0
    }

    /// NDCG of a ranked list against a relevant set, with binary gains.
    static func ndcg(top: [ItemID], relevant: Set<ItemID>) -> Double {
        var dcg = 0.0
        for (rank, item) in top.enumerated() where relevant.contains(item) {
            dcg += 1 / log2(Double(rank) + 2)
        }
        let ideal = (0..<min(relevant.count, top.count)).reduce(0.0) { $0 + 1 / log2(Double($1) + 2) }
        return ideal > 0 ? dcg / ideal : 0
    }

    /// The `count` best-scored candidates, best first; ties to the lower id, NaN last.
    static func top(_ count: Int, of candidates: [ItemID], scores: [Float]) -> [ItemID] {
        let ranked = scores.map { $0.isNaN ? -Float.infinity : $0 }
        let before = { (a: Int, b: Int) in
            ranked[a] != ranked[b] ? ranked[a] > ranked[b] : candidates[a] < candidates[b]
        }
        var kept = [Int]()
        for index in candidates.indices {
            if kept.count == count {
                guard let last = kept.last, before(index, last) else { continue }
                kept.removeLast()
            }
            kept.insert(index, at: kept.firstIndex { before(index, $0) } ?? kept.count)
        }
        return kept.map { candidates[$0] }
    }
}
