import Calibration
import RecData
import Testing

@Suite("Feature predictability")
struct FeaturePredictabilityTests {
    /// 200 users in two groups by a categorical feature; `informative` decides whether
    /// the group picks the items (group g uses items 5g…5g+4) or a seeded coin does.
    private func dataset(informative: Bool, withFeatures: Bool = true) -> Dataset {
        var random = RandomSource(seed: 11)
        var groups = [Int32]()
        var log = [Interaction]()
        for user in 0..<200 {
            let group = Int32(user % 2)
            groups.append(group)
            let side = informative ? Int(group) : random.nextIndex(below: 2)
            for step in 0..<8 {
                let item = side * 5 + random.nextIndex(below: 5)
                log.append(
                    Interaction(user: UserID(index: user), item: ItemID(index: item), time: Int64(step), value: 1))
            }
        }
        var users = FeatureTable(rowCount: 200)
        if withFeatures { users.append("gender", .categorical(groups, cardinality: 2)) }
        return Dataset(
            name: "tastes", users: users, items: FeatureTable(rowCount: 10), interactions: log, feedback: .implicit)
    }

    @Test("Features that decide tastes explain most of them")
    func informative() throws {
        // Within a side the five items are drawn uniformly, so the group explains only
        // the side: an item's share is 0 on the other side and multinomial, mean 0.2 and
        // variance 0.2·0.8/8 = 0.02, on its own. Per item the between-group variance is
        // 0.1² = 0.01 and the within-group variance (0.02 + 0)/2 = 0.01, so R² ≈ 0.5.
        let share = try #require(FeaturePredictability.share(of: dataset(informative: true)))
        #expect(share > 0.45)
        #expect(share < 0.55)
    }

    @Test("Features independent of tastes explain about nothing")
    func uninformative() throws {
        let share = try #require(FeaturePredictability.share(of: dataset(informative: false)))
        #expect(abs(share) < 0.02)
    }

    @Test("Without categorical user features there is no estimate")
    func none() {
        #expect(FeaturePredictability.share(of: dataset(informative: true, withFeatures: false)) == nil)
    }
}
