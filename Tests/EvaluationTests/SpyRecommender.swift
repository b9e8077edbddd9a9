import RecData
import Recommenders

/// What a ``SpyRecommender`` was shown.
final class SpyLog {
    var fitCalls = 0
    var trainingUsers: [UserID] = []
    var trainingInteractions: [Interaction] = []
    var validationTasks: [UserTask] = []
    /// Every fit's training interactions and validation tasks, in call order.
    var fits: [(training: [Interaction], validation: [UserTask])] = []
    var adaptations: [(user: UserID, support: [Interaction])] = []
    var candidates: [UserID: [[ItemID]]] = [:]
}

/// A recommender that records everything `fit` and `adapt` see, and scores items by a
/// fixed function of the item (or returns a wrong number of scores, on request).
struct SpyRecommender: Recommender {
    let name = "spy"
    let log: SpyLog
    var score: @Sendable (UserID, ItemID) -> Float = { _, item in Float(item.index) }
    var dropScore = false

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        log.fitCalls += 1
        log.trainingUsers = training.users
        log.trainingInteractions = Array(training.interactions)
        log.validationTasks = validation
        log.fits.append((log.trainingInteractions, validation))
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        log.adaptations.append((user, support))
        return SpyScores(user: user, log: log, score: score, dropScore: dropScore)
    }
}

/// The spy's personalized scorer.
struct SpyScores: Personalized {
    let user: UserID
    let log: SpyLog
    let score: @Sendable (UserID, ItemID) -> Float
    let dropScore: Bool

    func scores(for candidates: [ItemID]) -> [Float] {
        log.candidates[user, default: []].append(candidates)
        let scores = candidates.map { score(user, $0) }
        return dropScore ? Array(scores.dropLast()) : scores
    }

    func predictedRatings(for items: [ItemID]) -> [Float]? {
        items.map { _ in 3 }
    }

    mutating func observe(_ feedback: [Interaction]) throws {}
}
