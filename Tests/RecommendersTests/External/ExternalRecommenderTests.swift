import Foundation
import RecData
import Testing

@testable import Recommenders

@Suite("External models: the protocol")
struct ExternalRecommenderTests {
    @Test("Scores come from the process, one per candidate, in the candidates' order")
    func scores() throws {
        let fake = try FakeModel.make(.good)
        let model = try FakeModel.fitted(fake)
        let personalized = try model.adapt(to: [], user: UserID(5))
        // Training counts: item 0 once, item 1 three times, items 2 and 4 once, item 3 never.
        #expect(personalized.scores(for: [ItemID(4), ItemID(1), ItemID(3)]) == [1, 3, 0])
        #expect(personalized.predictedRatings(for: [ItemID(0)]) == [1])
    }

    @Test("Packed scores (base64 of little-endian floats) are read like a list")
    func packed() throws {
        let fake = try FakeModel.make(.packed)
        let model = try FakeModel.fitted(fake)
        let personalized = try model.adapt(to: [], user: UserID(5))
        #expect(personalized.scores(for: [ItemID(4), ItemID(1), ItemID(3)]) == [1, 3, 0])
    }

    @Test("The session runs hello, fit in parts, adapt, score and bye, in that order")
    func transcript() throws {
        let fake = try FakeModel.make(.good)
        do {
            let model = try FakeModel.fitted(fake)
            let support = [Interaction(user: UserID(5), item: ItemID(2), time: 8, value: 4)]
            _ = try model.adapt(to: support, user: UserID(5))
        }
        let lines = fake.transcript.filter {
            !$0.hasPrefix("pid") && !$0.hasPrefix("hello ") && !$0.hasPrefix("adapt ")
        }
        #expect(
            lines == [
                "hello", "fit begin", "fit items", "fit users", "fit validation", "fit end", "adapt", "score", "bye",
            ])
        #expect(fake.transcript.contains("adapt 0 5 [[2, 8, 4.0]]"))
    }

    @Test("Hello carries the version, seed, parameters and feature schema")
    func hello() throws {
        let fake = try FakeModel.make(.good)
        var model = ExternalRecommender(
            name: "fake", config: fake.config, parameters: ModelParameters(["steps": .int(3), "lr": .double(0.5)]),
            seed: 7
        )
        var random = RandomSource(seed: 1)
        let (training, validation) = FakeModel.training()
        try model.fit(training, validation: validation, random: &random)
        let line = try #require(fake.transcript.first { $0.hasPrefix("hello ") })
        let hello = try JSONParser.parse(Array(line.dropFirst("hello ".count).utf8))
        #expect(hello["protocol"] == .number(1))
        #expect(hello["seed"] == .number(7))
        #expect(hello["params"]?["steps"] == .number(3))
        #expect(hello["params"]?["lr"] == .number(0.5))
        #expect(hello["dataset"]?["items"] == .number(5))
        #expect(hello["dataset"]?["feedback"]?["kind"] == .string("rating"))
        let userFeature = try JSONParser.parse(Array(#"{"name":"age","kind":"categorical","cardinality":3}"#.utf8))
        #expect(hello["dataset"]?["user_features"] == .array([userFeature]))
    }

    @Test("Observe sends the feedback and scores again; an older personalization is rebuilt first")
    func observe() throws {
        let fake = try FakeModel.make(.good)
        let model = try FakeModel.fitted(fake)
        let feedback = [Interaction(user: UserID(5), item: ItemID(3), time: 9, value: 5)]
        var first = try model.adapt(to: [], user: UserID(5))
        try first.observe(feedback)
        #expect(first.scores(for: [ItemID(3)]) == [1])
        _ = try model.adapt(to: [], user: UserID(4))
        try first.observe(feedback)
        // Rebuilt: adapt again, the first feedback again, then the new feedback.
        #expect(first.scores(for: [ItemID(3)]) == [2])
        let adapts = fake.transcript.filter { $0.hasPrefix("adapt ") }
        #expect(adapts == ["adapt 0 5 []", "adapt 1 4 []", "adapt 0 5 []"])
    }

    @Test("Adapting before fitting is an error, not a crash")
    func notFitted() throws {
        let fake = try FakeModel.make(.good)
        let model = ExternalRecommender(name: "fake", config: fake.config, seed: 1)
        #expect(throws: ExternalModelError.self) { try model.adapt(to: [], user: UserID(0)) }
    }

    @Test("A command whose program does not exist is refused when configured")
    func missingExecutable() {
        #expect(throws: ExternalModelConfigError.executableNotFound("no-such-program-metarec")) {
            try ExternalModelConfig(command: ["no-such-program-metarec"], workingDirectory: "/tmp", timeout: 1)
        }
        #expect(throws: ExternalModelConfigError.emptyCommand) {
            try ExternalModelConfig(command: [], workingDirectory: "/tmp", timeout: 1)
        }
    }

    @Test("Training users are streamed in batches, not one giant line")
    func batches() throws {
        let fake = try FakeModel.make(.good)
        let userCount = ProtocolMessages.usersPerBatch * 2 + 5
        let interactions = (0..<userCount).map {
            Interaction(user: UserID(index: $0), item: ItemID(index: $0 % 3), time: Int64($0), value: 1)
        }
        let dataset = Dataset(
            name: "many", users: FeatureTable(rowCount: userCount), items: FeatureTable(rowCount: 3),
            interactions: interactions, feedback: .implicit
        )
        let users = (0..<userCount).map(UserID.init(index:))
        var model = ExternalRecommender(name: "fake", config: fake.config, seed: 1)
        var random = RandomSource(seed: 1)
        try model.fit(
            TrainingSet(dataset: dataset, users: users, histories: dataset.historiesByUser()), validation: [],
            random: &random)
        #expect(fake.transcript.filter { $0 == "fit users" }.count == 3)
        // Items without features are not sent.
        #expect(!fake.transcript.contains("fit items"))
        let personalized = try model.adapt(to: [], user: UserID(0))
        #expect(personalized.scores(for: [ItemID(0), ItemID(1), ItemID(2)]) == [173, 172, 172])
    }
}
