import RecData
import Testing

@testable import Evaluation

@Suite("Top lists")
struct TopListTests {
    private let items = (0..<6).map(ItemID.init(index:))

    @Test("The best items come first")
    func ordering() {
        let top = TopList.best(3, of: items, scores: [0.1, 0.9, 0.3, 0.8, 0.2, 0.7])
        #expect(top == [ItemID(1), ItemID(3), ItemID(5)])
    }

    @Test("Ties are broken by the lower item id")
    func ties() {
        #expect(
            TopList.best(4, of: items, scores: [1, 2, 1, 2, 1, 1]) == [ItemID(1), ItemID(3), ItemID(0), ItemID(2)])
    }

    @Test("NaN scores rank last")
    func nanLast() {
        #expect(TopList.best(2, of: items, scores: [.nan, 0, .nan, -1, .nan, .nan]) == [ItemID(1), ItemID(3)])
    }

    @Test("Asking for more than there are returns them all, sorted")
    func short() {
        #expect(TopList.best(10, of: Array(items.prefix(3)), scores: [1, 3, 2]) == [ItemID(1), ItemID(2), ItemID(0)])
    }

    @Test("Agrees with a full sort on random scores")
    func agreesWithSort() {
        var random = RandomSource(seed: 3)
        let candidates = (0..<500).map(ItemID.init(index:))
        let scores = candidates.map { _ in Float(random.nextIndex(below: 50)) }
        let sorted = candidates.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.map {
            candidates[$0]
        }
        #expect(TopList.best(20, of: candidates, scores: scores) == Array(sorted.prefix(20)))
    }

    @Test(
        "Agrees with a full sort on shuffled candidates with ties, NaN and −∞ (NaN ranked as −∞)",
        arguments: [1, 7, 40, 300])
    func agreesWithSortShuffled(count: Int) {
        var random = RandomSource(seed: UInt64(count))
        var candidates = (0..<300).map(ItemID.init(index:))
        random.shuffle(&candidates)
        let scores: [Float] = candidates.map { _ in
            let draw = random.nextUnit()
            return draw < 0.1 ? .nan : draw < 0.2 ? -.infinity : Float(random.nextIndex(below: 8))
        }
        let clean = scores.map { $0.isNaN ? -Float.infinity : $0 }
        let sorted = candidates.indices.sorted {
            clean[$0] != clean[$1] ? clean[$0] > clean[$1] : candidates[$0] < candidates[$1]
        }
        #expect(TopList.bestPositions(count, of: candidates, scores: scores) == Array(sorted.prefix(count)))
        let values = scores.map(Double.init)
        #expect(TopList.bestPositions(count, of: candidates, values: values) == Array(sorted.prefix(count)))
    }
}
