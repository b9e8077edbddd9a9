import Testing

@testable import RecData

@Suite("Dataset")
struct DatasetTests {
    private func interaction(_ user: Int, _ item: Int, _ time: Int64) -> Interaction {
        Interaction(user: UserID(index: user), item: ItemID(index: item), time: time, value: 1)
    }

    @Test("Interactions are sorted by time, then user, then item")
    func canonicalOrder() {
        let dataset = Dataset(
            name: "t", users: FeatureTable(rowCount: 2), items: FeatureTable(rowCount: 3),
            interactions: [interaction(1, 2, 5), interaction(0, 1, 5), interaction(0, 0, 1), interaction(0, 0, 5)],
            feedback: .implicit
        )
        #expect(
            dataset.interactions == [
                interaction(0, 0, 1), interaction(0, 0, 5), interaction(0, 1, 5), interaction(1, 2, 5),
            ])
    }

    @Test("Histories group each user's interactions in time order")
    func histories() {
        let dataset = Dataset(
            name: "t", users: FeatureTable(rowCount: 3), items: FeatureTable(rowCount: 3),
            interactions: [interaction(1, 2, 9), interaction(1, 0, 3), interaction(0, 1, 4)],
            feedback: .rating(minimum: 1, maximum: 5)
        )
        let histories = dataset.historiesByUser()
        #expect(histories.count == 3)
        #expect(histories[0].map(\.item.index) == [1])
        #expect(histories[1].map(\.item.index) == [0, 2])
        #expect(histories[2].isEmpty)
        #expect(dataset.allItems == [ItemID(0), ItemID(1), ItemID(2)])
    }

    @Test("Feature tables keep columns in order and report their kinds")
    func featureTable() {
        var table = FeatureTable(rowCount: 2)
        table.append("age_band", .categorical([0, 3], cardinality: 6))
        table.append("embedding", .dense([0.1, 0.2, 0.3, 0.4], dimension: 2))
        #expect(table.schema.map(\.name) == ["age_band", "embedding"])
        #expect(table.schema[1].kind == .dense(dimension: 2))
        #expect(table.column(named: "age_band") == .categorical([0, 3], cardinality: 6))
        #expect(table.column(named: "missing") == nil)
    }

    @Test("An interaction takes 24 bytes in an array")
    func interactionSize() {
        #expect(MemoryLayout<Interaction>.stride == 24)
    }

    @Test("Feedback kinds know their scales")
    func feedback() {
        #expect(Feedback.rating(minimum: 1, maximum: 5).hasRatings)
        #expect(!Feedback.implicit.hasRatings)
        #expect(Feedback.rating(minimum: 1, maximum: 5).scale == 1...5)
    }
}
