import Foundation
import Testing

@testable import RecData

@Suite("RecBole importer")
struct RecBoleImporterTests {
    private func load(
        _ folder: String, name: String, roles: RecBoleFieldRoles = RecBoleFieldRoles(),
        unknownIDs: UnknownIDPolicy = .fail
    ) throws -> ImportedDataset {
        try RecBoleImporter(
            directory: ImportFixtures.folder("recbole/\(folder)"), name: name, roles: roles, unknownIDs: unknownIDs
        ).load()
    }

    @Test("Every field type of the tables becomes its feature kind")
    func everyFieldType() throws {
        let imported = try load("tiny", name: "tiny")
        let dataset = imported.dataset
        #expect(imported.skippedInteractions == 0)
        #expect(dataset.userCount == 3 && dataset.itemCount == 3)
        #expect(dataset.feedback == .rating(minimum: 1, maximum: 5))
        let expected = [
            Interaction(user: UserID(1), item: ItemID(0), time: 50, value: 2.5),
            Interaction(user: UserID(0), item: ItemID(1), time: 100, value: 4),
            Interaction(user: UserID(2), item: ItemID(0), time: 150, value: 1),
            Interaction(user: UserID(0), item: ItemID(2), time: 200, value: 5),
        ]
        #expect(dataset.interactions == expected)
        #expect(dataset.users.column(named: "age") == .categorical([2, 0, 1], cardinality: 3))
        #expect(dataset.users.column(named: "gender") == .categorical([0, 1, 0], cardinality: 2))
        #expect(dataset.users.column(named: "languages") == .multiValued([[1, 2], [], [0]], cardinality: 3))
        #expect(dataset.users.column(named: "taste") == .dense([0.1, 0.2, 0.3, -0.4, 0, 1], dimension: 2))
        guard case let .numeric(income)? = dataset.users.column(named: "income") else {
            Issue.record("income is not numeric")
            return
        }
        #expect(income[0] == 31.5 && income[1].isNaN && income[2] == 12)
        #expect(dataset.items.column(named: "class") == .multiValued([[1, 2], [0], [2]], cardinality: 3))
        #expect(dataset.items.column(named: "price") == .numeric([9.99, 5, 0.5]))
        #expect(dataset.users.schema.map(\.name) == ["age", "gender", "income", "taste", "languages"])
    }

    @Test("Field roles can be renamed; without tables, ids come from the interactions")
    func renamedRoles() throws {
        let roles = RecBoleFieldRoles(user: "uid", item: "iid", rating: "score", timestamp: "ts")
        let dataset = try load("roles", name: "roles", roles: roles).dataset
        #expect(dataset.userCount == 2 && dataset.itemCount == 2)
        #expect(
            dataset.interactions == [
                Interaction(user: UserID(0), item: ItemID(0), time: 10, value: 3),
                Interaction(user: UserID(1), item: ItemID(0), time: 20, value: 5),
                Interaction(user: UserID(0), item: ItemID(1), time: 30, value: 4),
            ])
        let implicit = try load(
            "roles", name: "roles", roles: RecBoleFieldRoles(user: "uid", item: "iid", rating: nil, timestamp: nil)
        ).dataset
        #expect(implicit.feedback == .implicit)
        #expect(implicit.interactions.map(\.time) == [0, 1, 2])
        #expect(implicit.interactions.allSatisfy { $0.value == 1 })
    }

    @Test("A role naming a missing field is an error naming the field, never a fallback")
    func missingRole() throws {
        let error = try #require(ImportFixtures.error { _ = try load("missing-role", name: "bad") })
        #expect(error.line == 1 && error.field == "rating")
        #expect(error.message.contains("no field 'rating' for the rating role"))
        let wrongType = try #require(
            ImportFixtures.error {
                _ = try load(
                    "tiny", name: "tiny",
                    roles: RecBoleFieldRoles(user: "user_id", item: "item_id", rating: "source", timestamp: "timestamp")
                )
            })
        #expect(wrongType.field == "source" && wrongType.message.contains("must be float, not token"))
    }

    @Test("Unknown ids: fail names the line and field; skip drops and counts the rows")
    func unknownIDs() throws {
        let failure = try #require(ImportFixtures.error { _ = try load("unknown-ids", name: "bad") })
        #expect(failure.file.hasSuffix("recbole/unknown-ids/bad.inter"))
        #expect(failure.line == 3 && failure.field == "user_id")
        #expect(failure.message.hasPrefix("user '9' is not in the user table"))
        let skipped = try load("unknown-ids", name: "bad", unknownIDs: .skip)
        #expect(skipped.skippedInteractions == 2)
        #expect(skipped.dataset.interactions.map(\.user) == [UserID(0), UserID(1)])
        #expect(skipped.dataset.interactions.map(\.item) == [ItemID(0), ItemID(1)])
    }

    @Test(
        "Bad files name the file, line and field",
        arguments: [
            ("unknown-type", 1, "item_id", "unknown type 'integer'"),
            ("ragged", 3, nil, "expected 4 tab-separated cells, found 3"),
            ("non-numeric", 3, "rating", "expects a number, found 'four'"),
            ("empty", 1, nil, "the file is empty"),
            ("latin1", 3, nil, "not UTF-8"),
        ] as [(String, Int, String?, String)])
    func badFiles(folder: String, line: Int, field: String?, message: String) throws {
        let error = try #require(ImportFixtures.error { _ = try load(folder, name: "bad") })
        #expect(error.file.hasSuffix("recbole/\(folder)/bad.inter"))
        #expect(error.line == line)
        #expect(error.field == field)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("A float_seq feature with rows of different lengths names the row")
    func raggedSequence() throws {
        let error = try #require(ImportFixtures.error { _ = try load("bad-sequence", name: "bad") })
        #expect(error.file.hasSuffix("bad.item") && error.line == 3 && error.field == "emb")
    }

    @Test("The activity filter keeps users in range, renumbered, with their features")
    func activityFilter() throws {
        let imported = try load("tiny", name: "tiny").keepingUsers(withActivity: 2...5)
        #expect(imported.dataset.userCount == 1)
        #expect(imported.filteredUsers == 2 && imported.filteredInteractions == 2)
        #expect(imported.dataset.interactions.map(\.user) == [UserID(0), UserID(0)])
        #expect(imported.dataset.users.column(named: "age") == .categorical([2], cardinality: 3))
        #expect(imported.dataset.itemCount == 3)
    }
}
