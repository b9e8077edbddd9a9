import Foundation
import RecData
import Testing

@testable import Recommenders

@Suite("Item-kNN")
struct ItemKNNTests {
    // Baskets: u0 {0, 1}, u1 {0, 1, 2}, u2 {1, 2}, u3 {3}. Item counts 2, 3, 2, 1.
    private let training = BaselineFixtures.training(baskets: [[0, 1], [0, 1, 2], [1, 2], [3]], items: 4)

    private func fitted(neighbors: Int, shrinkage: Double) throws -> ItemKNN {
        var model = ItemKNN(neighbors: neighbors, shrinkage: shrinkage)
        var random = RandomSource(seed: 1)
        try model.fit(training, validation: [], random: &random)
        return model
    }

    @Test("Similarities are the shrunk cosine of co-occurrence, worked by hand")
    func similaritiesByHand() throws {
        let model = try fitted(neighbors: 10, shrinkage: 1)
        let similarities = try #require(model.similarities)
        // Overlaps: (0,1) = 2, (0,2) = 1, (1,2) = 2; item 3 overlaps nothing.
        let s01 = Float(2 / (sqrt(2.0 * 3.0) + 1))
        let s02 = Float(1 / (sqrt(2.0 * 2.0) + 1))
        let s12 = Float(2 / (sqrt(3.0 * 2.0) + 1))
        let row0 = similarities.row(0)
        #expect(row0.map(\.item) == [1, 2])
        #expect(abs(row0[0].similarity - s01) < 1e-6)
        #expect(abs(row0[1].similarity - s02) < 1e-6)
        let row1 = similarities.row(1)
        #expect(row1.map(\.item) == [0, 2])
        #expect(abs(row1[0].similarity - s01) < 1e-6 && abs(row1[1].similarity - s12) < 1e-6)
        #expect(similarities.row(3).isEmpty)
    }

    @Test("Only the k nearest neighbours are kept, and a user is scored from the support items")
    func neighboursAndScores() throws {
        let model = try fitted(neighbors: 1, shrinkage: 1)
        #expect(try #require(model.similarities).row(0).map(\.item) == [1])
        let scores = try model.adapt(to: BaselineFixtures.support([0, 2]), user: UserID(9)).scores(
            for: BaselineFixtures.items(4))
        // Item 0 keeps only item 1 (s01); item 2 keeps only item 1 (s12 = s01, the lower id wins ties).
        let s01 = Float(2 / (sqrt(6.0) + 1))
        #expect(abs(scores[1] - 2 * s01) < 1e-6)
        #expect(scores[3] == 0)
    }

    @Test("With no support the ranking is popularity")
    func emptySupport() throws {
        let model = try fitted(neighbors: 10, shrinkage: 0)
        #expect(try model.adapt(to: [], user: UserID(9)).scores(for: BaselineFixtures.items(4)) == [2, 3, 2, 1])
    }

    @Test("New feedback adds its item's neighbours")
    func observe() throws {
        let model = try fitted(neighbors: 10, shrinkage: 0)
        var user = try model.adapt(to: BaselineFixtures.support([3]), user: UserID(9))
        #expect(user.scores(for: BaselineFixtures.items(3)) == [0, 0, 0])
        try user.observe(BaselineFixtures.support([2]))
        #expect(user.scores(for: [ItemID(1)])[0] > 0)
    }
}

@Suite("Item-kNN neighbour selection")
struct ItemKNNSelectionTests {
    @Test("The bounded heap keeps what a full sort would keep", arguments: [0, 1, 3, 50, 200])
    func heapMatchesSort(count: Int) {
        var random = RandomSource(seed: 8)
        let row = (0..<120).map { (Int32($0), Float(random.nextIndex(below: 30)) / 7) }
        let sorted = row.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count)
        let kept = ItemKNN.nearest(count, of: row)
        #expect(kept.map(\.0) == sorted.map(\.0))
    }
}
