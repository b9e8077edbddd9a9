import Evaluation
import RecData
import Testing

/// Items with lifespans (news articles): a user is offered only the items alive when
/// they are served, and relevance counts only those.
@Suite("Cold-start protocol: item lifespans")
struct ColdStartLifespanTests {
    /// 40 articles, article i alive from 10·i until 10·i + 60. 30 users, each clicking 12
    /// articles 25 time units apart from 7·user mod 20 on, always the newest one then.
    private static let articles: Dataset = {
        var interactions = [Interaction]()
        for user in 0..<30 {
            for step in 0..<12 {
                let time = Int64(7 * user % 20 + 25 * step)
                interactions.append(
                    Interaction(user: UserID(index: user), item: ItemID(index: Int(time / 10)), time: time, value: 5))
            }
        }
        return Dataset(
            name: "articles", users: FeatureTable(rowCount: 30), items: FeatureTable(rowCount: 40),
            interactions: interactions, feedback: .rating(minimum: 1, maximum: 5)
        )
    }()

    private static let lifespans = try! ItemLifespans(
        spans: (0..<40).map { Int64(10 * $0)..<Int64(10 * $0 + 60) }, itemCount: 40)

    private static var config: ColdStartConfig {
        var config = ColdStartConfig()
        config.shots = [0, 2]
        config.minimumQuery = 4
        config.bootstrapResamples = 20
        return config
    }

    /// Each evaluated user's candidate lists, in the order of the K sweep.
    private func candidates(lifespans: ItemLifespans?) throws -> (ColdStartProtocol, [UserID: [[ItemID]]]) {
        let protocolRun = ColdStartProtocol(
            dataset: Self.articles, config: Self.config, random: RandomSource(seed: 2), itemLifespans: lifespans)
        let log = SpyLog()
        _ = try protocolRun.run(SpyRecommender(log: log), metrics: [.ndcg(k: 5)], random: RandomSource(seed: 3))
        return (protocolRun, log.candidates)
    }

    @Test("candidates are the articles alive when the user is served, less those before the query")
    func aliveCandidates() throws {
        let (protocolRun, logged) = try candidates(lifespans: Self.lifespans)
        #expect(!protocolRun.evaluatedUsers.isEmpty)
        let blocks = Dictionary(
            uniqueKeysWithValues: protocolRun.tasks(shots: Self.config.shots.max() ?? 0).map { ($0.user, $0.support) })
        for (index, shots) in Self.config.shots.enumerated() {
            for task in protocolRun.tasks(shots: shots) {
                let support = Set((blocks[task.user] ?? []).map(\.item))
                let expected = Self.articles.allItems.filter {
                    Self.lifespans.isAlive($0, at: task.servedAt) && !support.contains($0)
                }
                #expect(logged[task.user]?[index] == expected, "user \(task.user.index), K = \(shots)")
            }
        }
    }

    @Test("without lifespans every item not in the support set is offered, expired or not")
    func everyItemWithoutLifespans() throws {
        let (protocolRun, logged) = try candidates(lifespans: nil)
        var offeredDead = 0
        for task in protocolRun.tasks(shots: 2) {
            let offered = try #require(logged[task.user]?.last)
            #expect(offered.count == 40 - Set(task.support.map(\.item)).count)
            offeredDead += offered.filter { !Self.lifespans.isAlive($0, at: task.servedAt) }.count
        }
        #expect(offeredDead > 0)
    }

    @Test("a query article not alive when the user is served is not relevant: recall over every candidate is 1")
    func relevanceOnlyAmongCandidates() throws {
        let protocolRun = ColdStartProtocol(
            dataset: Self.articles, config: Self.config, random: RandomSource(seed: 2), itemLifespans: Self.lifespans)
        let measurements = try protocolRun.run(
            SpyRecommender(log: SpyLog()), metrics: [.recall(k: 40)], random: RandomSource(seed: 3))
        let recall = try #require(
            measurements.first { $0.metric == .recall(k: 40) && $0.shots == 2 && $0.segment == "all" })
        #expect(recall.value == 1)
        // Some users' queries hold articles that expired, or were not yet published, when
        // they were served.
        let unavailable = protocolRun.tasks(shots: 2).filter { task in
            task.query.contains { !Self.lifespans.isAlive($0.item, at: task.servedAt) }
        }
        #expect(!unavailable.isEmpty)
    }

    @Test("lifespans for the wrong number of items are an error")
    func wrongCount() {
        #expect(throws: EvaluationError.lifespanCount(expected: 40, received: 3)) {
            try ItemLifespans(spans: [0..<1, 0..<1, 0..<1], itemCount: 40)
        }
    }
}
