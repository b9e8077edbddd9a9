import RecData
import Recommenders
import Testing

@testable import Evaluation

/// A recommender that knows every user's history: it scores the items a user will
/// interact with highest, and predicts their ratings exactly.
private struct Clairvoyant: Recommender {
    let name = "clairvoyant"
    let histories: [[Interaction]]
    var scoreCountError = false

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        Known(history: histories[user.index], truncate: scoreCountError)
    }

    struct Known: Personalized {
        let history: [Interaction]
        let truncate: Bool

        func scores(for candidates: [ItemID]) -> [Float] {
            let relevant = Dictionary(history.map { ($0.item, $0.value) }, uniquingKeysWith: max)
            let scores = candidates.map { relevant[$0] ?? 0 }
            return truncate ? Array(scores.dropLast()) : scores
        }

        func predictedRatings(for items: [ItemID]) -> [Float]? {
            let ratings = Dictionary(history.map { ($0.item, $0.value) }, uniquingKeysWith: max)
            return items.map { ratings[$0] ?? 0 }
        }

        mutating func observe(_ feedback: [Interaction]) throws {}
    }
}

/// Records which users' interactions reach `fit` and what `adapt` is given.
private final class Spy: @unchecked Sendable {
    // Only touched from the single test thread that runs the protocol.
    var fitUsers = Set<UserID>()
    var adapted = [(UserID, [Interaction])]()
}

private struct FitSpyRecommender: Recommender {
    let name = "spy"
    let spy: Spy

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        spy.fitUsers.formUnion(training.interactions.map(\.user))
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        spy.adapted.append((user, support))
        return Clairvoyant.Known(history: [], truncate: false)
    }
}

@Suite("Cold-start protocol")
struct ColdStartProtocolBasicsTests {
    /// 40 users with 12 interactions each over 30 items; ratings alternate 5 and 2.
    private static let dataset: Dataset = {
        var interactions = [Interaction]()
        for user in 0..<40 {
            for step in 0..<12 {
                let item = (user * 7 + step) % 30
                interactions.append(
                    Interaction(
                        user: UserID(index: user), item: ItemID(index: item), time: Int64(step),
                        value: step % 2 == 0 ? 5 : 2))
            }
        }
        return Dataset(
            name: "toy", users: FeatureTable(rowCount: 40), items: FeatureTable(rowCount: 30),
            interactions: interactions, feedback: .rating(minimum: 1, maximum: 5))
    }()

    private static var config: ColdStartConfig {
        var config = ColdStartConfig()
        config.shots = [0, 2, 4]
        config.minimumQuery = 4
        config.bootstrapResamples = 100
        return config
    }

    @Test("A model that knows the future scores nDCG 1, HR 1 and zero rating error")
    func perfectModel() throws {
        let protocolRun = ColdStartProtocol(dataset: Self.dataset, config: Self.config, random: RandomSource(seed: 1))
        let model = Clairvoyant(histories: Self.dataset.historiesByUser())
        let measurements = try protocolRun.run(
            model, metrics: [.ndcg(k: 5), .hitRate(k: 5), .mae, .rmse], random: RandomSource(seed: 2))
        #expect(measurements.count == 3 * 4)
        for measurement in measurements {
            let expected: Double = measurement.metric.higherIsBetter ? 1 : 0
            #expect(abs(measurement.value - expected) < 1e-12, "\(measurement.metric) at K=\(measurement.shots ?? -1)")
            #expect(measurement.perUser.count == protocolRun.evaluatedUsers.count)
        }
    }

    @Test("Training sees only meta-train users; adapt sees exactly the first K interactions of test users")
    func noLeakage() throws {
        let protocolRun = ColdStartProtocol(dataset: Self.dataset, config: Self.config, random: RandomSource(seed: 1))
        let spy = Spy()
        _ = try protocolRun.run(FitSpyRecommender(spy: spy), metrics: [.ndcg(k: 5)], random: RandomSource(seed: 2))
        #expect(spy.fitUsers == Set(protocolRun.split.train))
        #expect(spy.fitUsers.isDisjoint(with: protocolRun.split.test))
        let histories = Self.dataset.historiesByUser()
        #expect(spy.adapted.count == 3 * protocolRun.evaluatedUsers.count)
        for (user, support) in spy.adapted {
            #expect(protocolRun.split.test.contains(user))
            #expect(support == Array(histories[user.index].prefix(support.count)))
            #expect([0, 2, 4].contains(support.count))
        }
    }

    @Test("Random support order draws K of the user's interactions, reproducibly")
    func randomSupport() {
        var config = Self.config
        config.supportOrder = .random
        let a = ColdStartProtocol(dataset: Self.dataset, config: config, random: RandomSource(seed: 1)).tasks(shots: 4)
        let b = ColdStartProtocol(dataset: Self.dataset, config: config, random: RandomSource(seed: 1)).tasks(shots: 4)
        let histories = Self.dataset.historiesByUser()
        #expect(a == b)
        #expect(a.contains { $0.support != Array(histories[$0.user.index].prefix(4)) })
        for task in a {
            #expect(Set(task.support + task.query) == Set(histories[task.user.index]))
        }
    }

    @Test("Rating metrics are skipped for implicit feedback")
    func implicitFeedback() throws {
        let implicit = Dataset(
            name: "implicit", users: Self.dataset.users, items: Self.dataset.items,
            interactions: Self.dataset.interactions, feedback: .implicit)
        let protocolRun = ColdStartProtocol(dataset: implicit, config: Self.config, random: RandomSource(seed: 1))
        let measurements = try protocolRun.run(
            Clairvoyant(histories: implicit.historiesByUser()), metrics: [.hitRate(k: 3), .mae],
            random: RandomSource(seed: 2))
        #expect(Set(measurements.map(\.metric)) == [.hitRate(k: 3)])
    }

    @Test("A wrong number of scores is an error naming the model")
    func wrongScoreCount() {
        let protocolRun = ColdStartProtocol(dataset: Self.dataset, config: Self.config, random: RandomSource(seed: 1))
        var model = Clairvoyant(histories: Self.dataset.historiesByUser())
        model.scoreCountError = true
        // The candidates are the catalog less the 4 interactions before the query (largest K = 4).
        #expect(throws: EvaluationError.wrongScoreCount(model: "clairvoyant", expected: 26, received: 25)) {
            try protocolRun.run(model, metrics: [.ndcg(k: 5)], random: RandomSource(seed: 2))
        }
    }
}
