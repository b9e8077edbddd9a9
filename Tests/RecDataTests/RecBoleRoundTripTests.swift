import Foundation
import TestSupport
import Testing

@testable import RecData

@Suite("RecBole atomic files")
struct RecBoleRoundTripTests {
    private func directory() -> URL {
        Scratch.directory("metarec-recbole")
    }

    /// A dataset with every feature kind.
    private static var dataset: Dataset {
        var users = FeatureTable(rowCount: 3)
        users.append("age_band", .categorical([0, 2, 1], cardinality: 3))
        var items = FeatureTable(rowCount: 4)
        items.append("genres", .multiValued([[0, 2], [1], [], [2, 0, 1]], cardinality: 3))
        items.append("price", .numeric([0.3, 12.5, 1e-5, 99]))
        items.append("embedding", .dense([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8], dimension: 2))
        let interactions = [
            Interaction(user: UserID(0), item: ItemID(1), time: 10, value: 4),
            Interaction(user: UserID(2), item: ItemID(3), time: 86_400 * 400, value: 2.5),
            Interaction(user: UserID(1), item: ItemID(0), time: 11, value: 0.1),
        ]
        return Dataset(
            name: "tiny", users: users, items: items, interactions: interactions,
            feedback: .rating(minimum: 0, maximum: 5))
    }

    @Test("Written files read back as the same dataset")
    func roundTrip() throws {
        let folder = directory()
        let urls = try RecBoleDataset(dataset: Self.dataset, valueField: "rating").write(to: folder, name: "tiny")
        #expect(urls.map(\.lastPathComponent) == ["tiny.inter", "tiny.user", "tiny.item"])
        let read = try RecBoleDataset.loadDataset(
            from: folder, name: "tiny", valueField: "rating", feedback: .rating(minimum: 0, maximum: 5))
        let original = Self.dataset
        #expect(read.interactions == original.interactions)
        #expect(read.feedback == original.feedback)
        #expect(read.users.columns.map(\.column) == original.users.columns.map(\.column))
        #expect(read.items.columns.map(\.column) == original.items.columns.map(\.column))
        #expect(read.items.schema == original.items.schema)
    }

    @Test("Files follow RecBole's layout: typed header, tabs, space-separated sequences")
    func layout() throws {
        let folder = directory()
        try RecBoleDataset(dataset: Self.dataset, valueField: "rating").write(to: folder, name: "tiny")
        let inter = try String(contentsOf: folder.appendingPathComponent("tiny.inter"), encoding: .utf8)
        #expect(inter.hasPrefix("user_id:token\titem_id:token\ttimestamp:float\trating:float\n0\t1\t10\t4\n"))
        let item = try String(contentsOf: folder.appendingPathComponent("tiny.item"), encoding: .utf8).split(
            separator: "\n")
        #expect(item[0] == "item_id:token\tgenres:token_seq\tprice:float\tembedding:float_seq")
        #expect(item[1] == "0\t0 2\t0.3\t0.1 -0.2")
        #expect(item[3] == "2\t\t1e-05\t0.5 -0.6")
    }

    @Test("Implicit feedback has no value field; the observed range is used when no scale is given")
    func feedbackKinds() throws {
        let folder = directory()
        try RecBoleDataset(dataset: Self.dataset, valueField: nil).write(to: folder, name: "implicit")
        let implicit = try RecBoleDataset.loadDataset(from: folder, name: "implicit", valueField: nil)
        #expect(implicit.feedback == .implicit)
        #expect(implicit.interactions.allSatisfy { $0.value == 1 })
        try RecBoleDataset(dataset: Self.dataset, valueField: "rating").write(to: folder, name: "rated")
        let rated = try RecBoleDataset.loadDataset(from: folder, name: "rated")
        #expect(rated.feedback == .rating(minimum: 0.1, maximum: 4))
    }

    @Test("Without user and item files, ids come from the interactions in order of appearance")
    func interactionsOnly() throws {
        let folder = directory()
        let text = "user_id:token\titem_id:token\ttimestamp:float\nalice\tbook\t5\nbob\tbook\t3\nalice\tpen\t9\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("plain.inter"))
        let dataset = try RecBoleDataset.loadDataset(from: folder, name: "plain", valueField: nil)
        #expect(dataset.userCount == 2 && dataset.itemCount == 2)
        #expect(dataset.interactions.map(\.time) == [3, 5, 9])
        #expect(dataset.interactions.first?.user == UserID(1))
    }

    @Test("Tokens that are not integers become sorted codes")
    func stringTokens() throws {
        let folder = directory()
        try Data("item_id:token\tcolour:token\nx\tred\ny\tblue\nz\tred\n".utf8).write(
            to: folder.appendingPathComponent("c.item"))
        try Data("user_id:token\titem_id:token\nu\tz\n".utf8).write(to: folder.appendingPathComponent("c.inter"))
        let dataset = try RecBoleDataset.loadDataset(from: folder, name: "c", valueField: nil, timeField: nil)
        #expect(dataset.items.column(named: "colour") == .categorical([1, 0, 1], cardinality: 2))
        #expect(dataset.interactions.map(\.time) == [0])
    }
}
