import RecData

/// Personalization: the mean Hamming distance between users' top-k lists (Zhou et al.,
/// "Solving the apparent diversity–accuracy dilemma of recommender systems", PNAS 2010),
/// 1 − q_uv / k for q_uv items shared by users u and v, averaged over all pairs of users.
/// 0 when everyone gets the same list, 1 when no two lists share an item.
///
/// Lists of unequal length use the cosine similarity q_uv / √(|u| |v|) of the binary item
/// vectors, which equals q_uv / k for equal lengths. The pair sum is computed through item
/// weights w_i = Σ_{lists v ∋ i} 1/√|v|, in time linear in the lists' total length rather
/// than quadratic in users.

public struct Personalization: ListLevelStatistic {
    /// Each user's summed similarity to every other user.
    private let similaritySums: [Double]
    /// The summed similarity over all unordered pairs.
    private let pairSum: Double

    /// Prepares personalization of the first `k` items of each of `lists`.
    public init(lists: [[ItemID]], k: Int) {
        let catalogSize = (lists.lazy.flatMap { $0.prefix(k) }.map(\.index).max() ?? -1) + 1
        let exposure = ListExposure(lists: lists, k: k, catalogSize: catalogSize)
        var weights = Array(repeating: 0.0, count: catalogSize)
        for list in exposure.lists where !list.isEmpty {
            let weight = 1 / Double(list.count).squareRoot()
            for item in list { weights[item.index] += weight }
        }
        self.similaritySums = exposure.lists.map { list in
            guard !list.isEmpty else { return 0 }
            let own = 1 / Double(list.count).squareRoot()
            return list.reduce(0.0) { $0 + own * (weights[$1.index] - own) }
        }
        self.pairSum = similaritySums.reduce(0, +) / 2
    }

    public var userCount: Int { similaritySums.count }

    /// 1 − mean pairwise similarity; 0 with fewer than two users.
    public var value: Double { Self.dissimilarity(pairSum, users: userCount) }

    public func leavingOut(_ index: Int) -> Double {
        Self.dissimilarity(pairSum - similaritySums[index], users: userCount - 1)
    }

    private static func dissimilarity(_ pairSum: Double, users: Int) -> Double {
        guard users > 1 else { return 0 }
        return min(1, max(0, 1 - pairSum / (Double(users) * Double(users - 1) / 2)))
    }
}
