import RecData

/// A statistic of all users' top lists at once (coverage, exposure Gini, personalization),
/// with its leave-one-user-out values, from which ``Jackknife`` derives an interval.
public protocol ListLevelStatistic: Sendable {
    /// The number of users (lists) behind the statistic.
    var userCount: Int { get }
    /// The statistic over every user's list.
    var value: Double { get }
    /// The statistic with user `index` (a position in the lists given) left out.
    func leavingOut(_ index: Int) -> Double
}

/// The first `k` distinct items of each user's list and how many lists hold each item.
struct ListExposure: Sendable {
    /// Each user's top-k items, without repeats.
    let lists: [[ItemID]]
    /// Lists holding each catalog item, indexed by item.
    let counts: [Int]

    init(lists: [[ItemID]], k: Int, catalogSize: Int) {
        var counts = Array(repeating: 0, count: catalogSize)
        self.lists = lists.map { list in
            var seen = Set<ItemID>()
            let top = list.prefix(k).filter { seen.insert($0).inserted }
            for item in top where item.index < catalogSize {
                counts[item.index] += 1
            }
            return top
        }
        self.counts = counts
    }
}
