import Evaluation
import RecData

/// A small hand-built dataset for protocol tests: 60 users with 12 rated interactions each
/// over 40 items, user features (categorical, numeric, dense) and an item category.
enum SyntheticData {
    static let users = 60
    static let items = 40
    static let perUser = 12

    static func dataset() -> Dataset {
        var interactions = [Interaction]()
        for user in 0..<users {
            for step in 0..<perUser {
                interactions.append(
                    Interaction(
                        user: UserID(index: user), item: ItemID(index: (user * 7 + step * 3) % items),
                        time: Int64(step * 10 + user % 10), value: Float(1 + (user + step) % 5)
                    ))
            }
        }
        var userTable = FeatureTable(rowCount: users)
        userTable.append("age_band", .categorical((0..<users).map { Int32($0 % 3) }, cardinality: 3))
        userTable.append("income", .numeric((0..<users).map { Float($0) }))
        userTable.append("embedding", .dense((0..<(users * 2)).map { Float($0) }, dimension: 2))
        var itemTable = FeatureTable(rowCount: items)
        itemTable.append("category", .categorical((0..<items).map { Int32($0 % 4) }, cardinality: 4))
        return Dataset(
            name: "synthetic", users: userTable, items: itemTable, interactions: interactions,
            feedback: .rating(minimum: 1, maximum: 5))
    }

    /// Protocol settings for the dataset: K = 0, 2, 4, at least 4 query interactions.
    static func config() -> ColdStartConfig {
        var config = ColdStartConfig()
        config.shots = [0, 2, 4]
        config.split = SplitFractions(train: 0.6, validation: 0.2, test: 0.2)
        config.minimumQuery = 4
        config.bootstrapResamples = 50
        return config
    }
}
