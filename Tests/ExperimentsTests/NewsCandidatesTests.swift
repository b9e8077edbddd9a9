import Evaluation
import Foundation
import RecData
import Recommenders
import Simulation
import Testing

@testable import Experiments

/// Records every candidate list a model is asked to score, per user, in call order.
private final class CandidateLog: @unchecked Sendable {
    // Only touched from the single test thread that runs the protocol.
    var lists: [UserID: [[ItemID]]] = [:]
}

private struct CandidateRecorder: Recommender {
    let name = "recorder"
    let log: CandidateLog

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        Scores(user: user, log: log)
    }

    struct Scores: Personalized {
        let user: UserID
        let log: CandidateLog

        func scores(for candidates: [ItemID]) -> [Float] {
            log.lists[user, default: []].append(candidates)
            return candidates.map { Float($0.index) }
        }

        func predictedRatings(for items: [ItemID]) -> [Float]? { nil }

        mutating func observe(_ feedback: [Interaction]) throws {}
    }
}

@Suite("News worlds in scenarios")
struct NewsCandidatesTests {
    private let files = ScenarioFiles()

    @Test("The cold-start protocol of a news world offers each user only the articles alive when they are served")
    func aliveArticles() async throws {
        let path = files.write(
            "news.yaml",
            """
            name: news-small
            family: news
            seeds: [1]
            world:
              users: 150
              items: 400
              days: 6
              lifetime_hours: 24
              interactions_per_user: 12
              min_interactions_per_user: 8
            models: [random]
            protocols:
              cold_start:
                shots: [0, 2]
                min_query: 3
            """)
        let spec = try #require(ScenarioLoader().load(path).scenarios.first)
        let cell = SuiteCell(scenario: spec, seed: 1, model: try #require(spec.models.first))
        let prepared = try await WorldStore(cells: [cell]).world(for: cell)
        let protocolRun = try #require(prepared.coldStart)
        let log = CandidateLog()
        _ = try protocolRun.run(CandidateRecorder(log: log), metrics: [.hitRate(k: 5)], random: RandomSource(seed: 2))
        let oracle = try #require(spec.world).generate(seed: 1).oracle
        var checked = 0
        var expiredElsewhere = 0
        for (index, shots) in [0, 2].enumerated() {
            for task in protocolRun.tasks(shots: shots) {
                let offered = try #require(log.lists[task.user]?[index])
                #expect(
                    offered.allSatisfy { oracle.isAvailable($0, at: task.servedAt) },
                    "user \(task.user.index), K = \(shots)")
                expiredElsewhere += oracle.itemCount - offered.count - task.support.count
                checked += 1
            }
        }
        #expect(checked > 0)
        // Not a catalog where every article is always alive.
        #expect(expiredElsewhere > 0)
    }
}
