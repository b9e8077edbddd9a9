import Foundation
import RecData
import Testing

@testable import Recommenders

/// Records every user a model is asked to adapt to, across the models a grid builds.
private final class AdaptationLog: @unchecked Sendable {
    private let lock = NSLock()
    private var users: [UserID] = []
    private var fitted: [Int] = []

    func record(_ user: UserID) { lock.withLock { users.append(user) } }
    func recordFit(_ target: Int) { lock.withLock { fitted.append(target) } }
    var adaptedUsers: Set<UserID> { lock.withLock { Set(users) } }
    var fits: [Int] { lock.withLock { fitted } }
}

/// Puts one planted item first for everyone.
private struct PlantedModel: Recommender {
    let name = "planted"
    let target: Int
    let log: AdaptationLog

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        log.recordFit(target)
        if target == 13 { throw BaselineError.diverged(model: name, detail: "planted") }
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        log.record(user)
        return PlantedScores(target: target)
    }
}

private struct PlantedScores: Personalized {
    let target: Int
    func scores(for candidates: [ItemID]) -> [Float] { candidates.map { $0.index == target ? 1 : 0 } }
    func predictedRatings(for items: [ItemID]) -> [Float]? { nil }
    mutating func observe(_ feedback: [Interaction]) throws {}
}

@Suite("Grid search on validation users")
struct GridSearchTests {
    private let training = BaselineFixtures.training(baskets: [[0, 1], [1, 2]], items: 20)

    /// Validation users 10 and 11 both hold item 7 in their query; test users are 20 and up.
    private let validation = [
        UserTask(
            user: UserID(10), support: BaselineFixtures.support([1], user: 10),
            query: BaselineFixtures.support([7], user: 10)),
        UserTask(
            user: UserID(11), support: BaselineFixtures.support([2], user: 11),
            query: BaselineFixtures.support([7], user: 11)),
    ]

    private func descriptor(_ log: AdaptationLog) -> ModelDescriptor {
        ModelDescriptor(
            name: "planted", summary: "test",
            parameters: [
                ParameterSpec(name: "target", kind: .int(0...19), defaultValue: .int(0), summary: "the item put first")
            ]
        ) { parameters, _ in PlantedModel(target: parameters.int("target") ?? 0, log: log) }
    }

    @Test("The best validation setting is chosen, and only validation users are adapted to")
    func picksBest() throws {
        let log = AdaptationLog()
        let descriptor = descriptor(log)
        var model = descriptor.make(descriptor.resolve(["target": .list([.int(3), .int(7), .int(12)])]), 1)
        #expect(model is GridSearch)
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: validation, random: &random)
        let search = try #require(model as? GridSearch)
        #expect(search.chosen?.int("target") == 7)
        #expect(search.trials.map { $0.parameters.int("target") } == [3, 7, 12])
        #expect(search.trials[1].score == 1)
        #expect(log.fits == [3, 7, 12])
        #expect(log.adaptedUsers == [UserID(10), UserID(11)])
        let scores = try model.adapt(to: [], user: UserID(20)).scores(for: BaselineFixtures.items(20))
        #expect(scores[7] == 1)
    }

    @Test("A setting that diverges is disqualified; if all do, the error is thrown")
    func divergence() throws {
        let descriptor = descriptor(AdaptationLog())
        var model = descriptor.make(descriptor.resolve(["target": .list([.int(13), .int(3)])]), 1)
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: validation, random: &random)
        let search = try #require(model as? GridSearch)
        #expect(search.chosen?.int("target") == 3)
        #expect(search.trials[0].score == -.infinity)
        var failing = descriptor.make(descriptor.resolve(["target": .list([.int(13)] + [.int(13)])]), 1)
        #expect(throws: BaselineError.diverged(model: "planted", detail: "planted")) {
            try failing.fit(training, validation: validation, random: &random)
        }
    }

    @Test("Ties keep the earlier setting")
    func ties() throws {
        let descriptor = descriptor(AdaptationLog())
        var model = descriptor.make(descriptor.resolve(["target": .list([.int(5), .int(4)])]), 1)
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: validation, random: &random)
        #expect((model as? GridSearch)?.chosen?.int("target") == 5)
    }

    @Test("A plain setting builds the plain model; a grid without validation users is an error")
    func plainAndNoValidation() throws {
        let descriptor = descriptor(AdaptationLog())
        #expect(descriptor.make(descriptor.resolve(["target": .int(3)]), 1) is PlantedModel)
        var model = descriptor.make(descriptor.resolve(["target": .list([.int(3), .int(7)])]), 1)
        var random = RandomSource(seed: 1)
        #expect(throws: BaselineError.noValidationUsers(model: "planted")) {
            try model.fit(training, validation: [], random: &random)
        }
    }

    @Test("Grid points enumerate every combination in name order")
    func gridPoints() {
        let parameters = ModelParameters([
            "b": .list([.int(1), .int(2)]), "a": .list([.string("x"), .string("y")]), "c": .bool(true),
        ])
        #expect(parameters.isGrid && parameters.gridSize == 4)
        let points = parameters.gridPoints.map { "\($0.values["a"]!)\($0.values["b"]!)\($0.values["c"]!)" }
        #expect(points == ["x1true", "x2true", "y1true", "y2true"])
        #expect(ParameterValue.list([.int(1), .double(0.5)]).description == "[1, 0.5]")
    }

    @Test("A real baseline's grid is searched end to end")
    func realBaseline() throws {
        let training = BaselineFixtures.training(
            baskets: Array(repeating: [0, 1, 2], count: 6) + Array(repeating: [3, 4], count: 9), items: 6)
        let validation = [
            UserTask(
                user: UserID(20), support: BaselineFixtures.support([0, 1], user: 20),
                query: BaselineFixtures.support([2], user: 20))
        ]
        let descriptor = ModelRegistry.itemKNN
        var model = descriptor.make(descriptor.resolve(["neighbors": .list([.int(1), .int(5)])]), 1)
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: validation, random: &random)
        #expect((model as? GridSearch)?.trials.count == 2)
    }
}

/// Records the candidates it is asked to score, and scores them all alike.
private final class CandidateLog: Personalized, @unchecked Sendable {
    var candidates: [[ItemID]] = []
    func scores(for candidates: [ItemID]) -> [Float] {
        self.candidates.append(candidates)
        return candidates.map { _ in 0 }
    }
    func predictedRatings(for items: [ItemID]) -> [Float]? { nil }
    func observe(_ feedback: [Interaction]) throws {}
}

@Suite("Validation ranking's candidates")
struct ValidationRankingCandidateTests {
    @Test("Each user ranks the whole catalogue in id order except their own support items")
    func candidatesExcludeOwnSupport() {
        let dataset = BaselineFixtures.training(baskets: [[0, 1], [1, 2]], items: 8).dataset
        let tasks = [
            UserTask(
                user: UserID(10), support: BaselineFixtures.support([1, 5], user: 10),
                query: BaselineFixtures.support([7], user: 10)),
            UserTask(user: UserID(11), support: [], query: BaselineFixtures.support([3], user: 11)),
            UserTask(
                user: UserID(12), support: BaselineFixtures.support([0, 7], user: 12),
                query: BaselineFixtures.support([2], user: 12)),
        ]
        let log = CandidateLog()
        _ = ValidationRanking.meanNDCG(tasks: tasks, dataset: dataset) { _, _ in log }
        #expect(
            log.candidates.map { $0.map(\.index) } == [
                [0, 2, 3, 4, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6],
            ])
    }
}
