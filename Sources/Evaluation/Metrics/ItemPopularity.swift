import RecData

/// How many distinct users interacted with each item: the popularity novelty discounts.
public struct ItemPopularity: Hashable, Sendable {
    /// Distinct users per item, indexed by item.
    public let userCounts: [Int]
    /// The number of users counted.
    public let userCount: Int

    /// Creates popularity from counts.
    public init(userCounts: [Int], userCount: Int) {
        self.userCounts = userCounts
        self.userCount = userCount
    }

    /// Counts the distinct users of each of `itemCount` items in `histories` (one history per user).
    public init(histories: [[Interaction]], itemCount: Int) {
        var counts = Array(repeating: 0, count: itemCount)
        // The last history that counted each item, so that a user counts an item once.
        var countedBy = Array(repeating: -1, count: itemCount)
        for (user, history) in histories.enumerated() {
            for interaction in history where interaction.item.index < itemCount {
                let index = interaction.item.index
                guard countedBy[index] != user else { continue }
                countedBy[index] = user
                counts[index] += 1
            }
        }
        self.init(userCounts: counts, userCount: histories.count)
    }

    /// The Laplace-smoothed probability that a user interacted with `item`,
    /// (count + 1) / (users + 2), which is positive and below 1 for every item.
    public func probability(_ item: ItemID) -> Double {
        let count = item.index < userCounts.count ? userCounts[item.index] : 0
        return (Double(count) + 1) / (Double(userCount) + 2)
    }
}
