import Evaluation
import RecData
import Testing

@Suite("Ranked relevance")
struct RankedRelevanceTests {
    private func items(_ ids: [Int]) -> [ItemID] { ids.map(ItemID.init(index:)) }

    @Test("ranks relevant items in TopList order without sorting the catalog")
    func ranksFromScores() {
        // Order: item 3 (0.9), 0 (0.8), 1 (0.7), 4 (0.5), 5 (0.3), 2 (0.1).
        let relevance = RankedRelevance(
            candidates: items([0, 1, 2, 3, 4, 5]), scores: [0.8, 0.7, 0.1, 0.9, 0.5, 0.3],
            grades: [ItemID(index: 1): 2, ItemID(index: 3): 1, ItemID(index: 5): 1]
        )
        #expect(relevance.relevantRanks == [1, 3, 5])
        #expect(relevance.rankedGrades == [1, 2, 1])
        #expect(relevance.idealGrades == [2, 1, 1])
        #expect(relevance.rankedCount == 6)
        #expect(relevance.misorderedPairs == 3)
    }

    @Test("ties rank by the lower item id, NaN last, and tied pairs count one half")
    func ties() {
        // Item 2 first; items 0, 1, 3 tie and rank by id; item 4 is NaN.
        let relevance = RankedRelevance(
            candidates: items([0, 1, 2, 3, 4]), scores: [0.5, 0.5, 0.9, 0.5, .nan],
            grades: [ItemID(index: 1): 1, ItemID(index: 4): 1]
        )
        #expect(relevance.relevantRanks == [3, 5])
        // Item 1: beaten by item 2 (1) and tied with items 0 and 3 (2 × 0.5) = 2.
        // Item 4 (NaN, ranked as −∞): beaten by items 0, 2, 3 = 3.
        #expect(relevance.misorderedPairs == 5)
    }

    @Test("an explicit ranking counts unranked relevant items below everything ranked")
    func explicitRanking() {
        let relevance = RankedRelevance(ranking: ["a", "b", "c"], grades: ["b": 1, "z": 3, "c": 0])
        #expect(relevance.relevantRanks == [2])
        #expect(relevance.idealGrades == [3, 1])
        #expect(relevance.relevantCount == 2)
        #expect(relevance.nonRelevantCount == 2)
        // b is below a (1 pair); z is below a and c (2 pairs).
        #expect(relevance.misorderedPairs == 3)
    }

    @Test("scores and an explicit ranking agree when there are no ties")
    func agreement() {
        let candidates = items(Array(0..<8))
        let scores: [Float] = [0.3, 0.9, 0.1, 0.7, 0.5, 0.8, 0.2, 0.6]
        let grades: [ItemID: Double] = [ItemID(index: 2): 1, ItemID(index: 5): 2, ItemID(index: 7): 1]
        let ranking = candidates.indices.sorted { scores[$0] > scores[$1] }.map { candidates[$0] }
        #expect(
            RankedRelevance(candidates: candidates, scores: scores, grades: grades)
                == RankedRelevance(ranking: ranking, grades: grades))
    }

    @Test(
        "on random catalogs in random order with ties, NaN, gaps and unranked relevant items, ranks and pairs match a brute-force count",
        arguments: 0..<20)
    func bruteForce(trial: Int) {
        var random = RandomSource(seed: UInt64(trial)).stream("ranked-relevance")
        // Shuffled, so that a tie broken by position rather than by item id would show.
        var candidates = (0..<60).filter { _ in random.nextUnit() < 0.8 }.map(ItemID.init(index:))
        random.shuffle(&candidates)
        let scores: [Float] = candidates.map { _ in random.nextUnit() < 0.05 ? .nan : Float(Int(random.nextUnit() * 6))
        }
        var grades = [ItemID: Double]()
        for index in 0..<64 where random.nextUnit() < 0.2 {
            grades[ItemID(index: index)] = random.nextUnit() < 0.2 ? 0 : Double(1 + Int(random.nextUnit() * 3))
        }
        let clean = scores.map { $0.isNaN ? -Float.infinity : $0 }
        let order = candidates.indices.sorted {
            clean[$0] != clean[$1] ? clean[$0] > clean[$1] : candidates[$0] < candidates[$1]
        }
        let relevance = RankedRelevance(candidates: candidates, scores: scores, grades: grades)
        let expectedRanks = order.enumerated().filter { (grades[candidates[$0.element]] ?? 0) > 0 }.map {
            $0.offset + 1
        }
        #expect(relevance.relevantRanks == expectedRanks)
        var pairs = 0.0
        let positive = grades.filter { $0.value > 0 }
        let nonRelevant = candidates.indices.filter { (grades[candidates[$0]] ?? 0) <= 0 }
        for (item, _) in positive {
            guard let index = candidates.firstIndex(of: item) else {
                pairs += Double(nonRelevant.count)
                continue
            }
            for other in nonRelevant {
                pairs += clean[other] > clean[index] ? 1 : (clean[other] == clean[index] ? 0.5 : 0)
            }
        }
        #expect(relevance.misorderedPairs == pairs)
        #expect(relevance.relevantCount == positive.count)
    }
}
