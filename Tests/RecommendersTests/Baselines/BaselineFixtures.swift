import RecData

@testable import Recommenders

/// Small hand-made datasets for the baseline tests.
enum BaselineFixtures {
    /// A training set over `items` items with one user per basket, every interaction
    /// valued `value(user, item)` at increasing times; users are numbered in basket order.
    static func training(
        baskets: [[Int]], items: Int, feedback: Feedback = .implicit,
        userFeatures: FeatureTable? = nil, itemFeatures: FeatureTable? = nil,
        value: (Int, Int) -> Float = { _, _ in 1 }
    ) -> TrainingSet {
        var interactions = [Interaction]()
        var time: Int64 = 0
        for (user, basket) in baskets.enumerated() {
            for item in basket {
                interactions.append(
                    Interaction(
                        user: UserID(index: user), item: ItemID(index: item), time: time, value: value(user, item)))
                time += 1
            }
        }
        let dataset = Dataset(
            name: "fixture", users: userFeatures ?? FeatureTable(rowCount: baskets.count),
            items: itemFeatures ?? FeatureTable(rowCount: items), interactions: interactions, feedback: feedback
        )
        return TrainingSet(
            dataset: dataset, users: (0..<baskets.count).map(UserID.init(index:)), histories: dataset.historiesByUser())
    }

    /// Interactions of `user` with `items`, valued `value`.
    static func support(_ items: [Int], user: Int = 0, value: Float = 1) -> [Interaction] {
        items.enumerated().map {
            Interaction(
                user: UserID(index: user), item: ItemID(index: $0.element), time: Int64($0.offset), value: value)
        }
    }

    /// Every item id below `count`.
    static func items(_ count: Int) -> [ItemID] {
        (0..<count).map(ItemID.init(index:))
    }

    /// A random rating dataset: `users × items` with each user rating `perUser` random items.
    static func randomRatings(users: Int, items: Int, perUser: Int, seed: UInt64) -> TrainingSet {
        var random = RandomSource(seed: seed)
        var baskets = [[Int]]()
        for _ in 0..<users {
            var all = Array(0..<items)
            random.shuffle(&all)
            baskets.append(Array(all.prefix(perUser)))
        }
        var ratings = RandomSource(seed: seed).stream("ratings")
        var table = [Int: Float]()
        for user in 0..<users {
            for item in baskets[user] { table[user * items + item] = Float(1 + ratings.nextIndex(below: 5)) }
        }
        return training(baskets: baskets, items: items, feedback: .rating(minimum: 1, maximum: 5)) {
            table[$0 * items + $1] ?? 3
        }
    }
}
