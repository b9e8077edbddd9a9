import Evaluation
import RecData
import Testing

/// Results broken down by each user's dominant hidden archetype.
@Suite("Segments by archetype")
struct ArchetypeSegmentTests {
    @Test("one segment per dominant archetype, holding exactly its users")
    func groups() throws {
        let users = (0..<6).map(UserID.init(index:))
        let archetypes = [2, 0, 2, 1, 2, 0]
        let segments = try UserSegments(
            users: Array(users.dropLast()), breakdowns: ["archetype"], features: FeatureTable(rowCount: 6),
            activity: Array(repeating: 1, count: 6), archetypes: archetypes
        )
        #expect(segments.segments.map(\.label) == ["all", "archetype=0", "archetype=1", "archetype=2"])
        // User 5 is not evaluated, so archetype 0 holds user 1 only.
        #expect(segments.segments[1].users == [UserID(index: 1)])
        #expect(segments.segments[2].users == [UserID(index: 3)])
        #expect(segments.segments[3].users == [UserID(index: 0), UserID(index: 2), UserID(index: 4)])
    }

    @Test("data without archetypes cannot be broken down by them")
    func missing() {
        #expect(throws: EvaluationError.missingArchetypes) {
            try UserSegments(
                users: [UserID(index: 0)], breakdowns: ["archetype"], features: FeatureTable(rowCount: 1), activity: [1]
            )
        }
        #expect(EvaluationError.missingArchetypes.description.contains("simulated world"))
    }

    @Test("the protocol reports archetype segments that together cover every evaluated user")
    func protocolRows() throws {
        let dataset = SyntheticData.dataset()
        var config = SyntheticData.config()
        config.segments = ["archetype"]
        let archetypes = (0..<dataset.userCount).map { $0 % 3 }
        let protocolRun = ColdStartProtocol(
            dataset: dataset, config: config, random: RandomSource(seed: 4), archetypes: archetypes)
        let rows = try protocolRun.run(
            SpyRecommender(log: SpyLog()), metrics: [.ndcg(k: 5)], random: RandomSource(seed: 5))
        let atZero = rows.filter { $0.shots == 0 }
        let labels = atZero.map(\.segment)
        #expect(labels.first == "all")
        #expect(Set(labels.dropFirst()).isSubset(of: ["archetype=0", "archetype=1", "archetype=2"]))
        for row in atZero where row.segment != "all" {
            let archetype = Int(row.segment.dropFirst("archetype=".count))
            #expect(row.perUser.allSatisfy { archetypes[$0.user.index] == archetype })
        }
        let all = try #require(atZero.first { $0.segment == "all" })
        #expect(atZero.filter { $0.segment != "all" }.map(\.n).reduce(0, +) == all.n)
    }
}
