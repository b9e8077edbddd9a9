import Evaluation
import RecData
import Testing

@Suite("Beyond-accuracy metrics")
struct BeyondAccuracyTests {
    private func list(_ ids: [Int]) -> [ItemID] { ids.map(ItemID.init(index:)) }

    @Test("novelty is the mean Laplace-smoothed self-information")
    func novelty() {
        // Counts 3, 1, 0 of 4 users ⇒ p = 4/6, 2/6, 1/6.
        let popularity = ItemPopularity(userCounts: [3, 1, 0], userCount: 4)
        #expect(abs(Novelty.value(list([0, 1, 2]), k: 3, popularity: popularity) - 1.584962500721156) < 1e-12)
        #expect(abs(Novelty.value(list([0, 1, 2]), k: 1, popularity: popularity) - 0.5849625007211562) < 1e-12)
        #expect(Novelty.value([], k: 3, popularity: popularity) == 0)
    }

    @Test("popularity counts distinct users per item")
    func popularity() {
        let user = UserID(index: 0)
        let histories = [
            [
                Interaction(user: user, item: ItemID(index: 1), time: 0, value: 1),
                Interaction(user: user, item: ItemID(index: 1), time: 1, value: 1),
            ],
            [Interaction(user: UserID(index: 1), item: ItemID(index: 0), time: 0, value: 1)],
        ]
        let popularity = ItemPopularity(histories: histories, itemCount: 3)
        #expect(popularity.userCounts == [1, 1, 0])
        #expect(popularity.userCount == 2)
        // Repeats apart in one history, items shared by users, an item beyond the catalogue.
        let interleaved = [[1, 2, 1, 1], [1, 5], [2, 0, 2], []].enumerated().map { user, items in
            items.map { Interaction(user: UserID(index: user), item: ItemID(index: $0), time: 0, value: 1) }
        }
        #expect(ItemPopularity(histories: interleaved, itemCount: 3).userCounts == [1, 2, 2])
    }

    @Test("intra-list diversity over dense and categorical features")
    func intraListDiversity() {
        let dense = ItemFeatureVectors(dense: [[1, 0], [0, 1], [1, 1]])
        // Distances 1, 1 − 1/√2, 1 − 1/√2.
        #expect(abs(IntraListDiversity.value(list([0, 1, 2]), k: 3, features: dense) - 0.5285954792089683) < 1e-6)
        var table = FeatureTable(rowCount: 3)
        table.append("category", .categorical([0, 0, 1], cardinality: 2))
        table.append("price", .numeric([1, 50, 1000]))
        let categorical = ItemFeatureVectors(table: table)
        // Same category ⇒ distance 0, different ⇒ 1; the numeric price is left out.
        #expect(abs(IntraListDiversity.value(list([0, 1, 2]), k: 3, features: categorical) - 2.0 / 3) < 1e-12)
        #expect(IntraListDiversity.value(list([0, 1, 2]), k: 2, features: categorical) == 0)
        #expect(IntraListDiversity.value(list([2]), k: 5, features: categorical) == 0)
    }

    @Test("multi-valued features are multi-hot")
    func multiValued() {
        var table = FeatureTable(rowCount: 2)
        table.append("genres", .multiValued([[0, 1], [1, 2]], cardinality: 3))
        let features = ItemFeatureVectors(table: table)
        #expect(abs(features.cosine(ItemID(index: 0), ItemID(index: 1)) - 0.5) < 1e-6)
    }

    @Test("catalog coverage")
    func coverage() {
        let coverage = CatalogCoverage(lists: [list([0, 1, 7]), list([1, 2, 8])], k: 2, catalogSize: 10)
        #expect(coverage.value == 0.3)
        #expect(coverage.userCount == 2)
    }

    @Test("exposure Gini: hand value, equal exposure, concentrated exposure")
    func gini() {
        // Exposure counts 0, 0, 1, 3 ⇒ Σ(2i − n − 1)x = 1·1 + 3·3 = 10, nΣx = 16.
        #expect(ExposureGini(lists: [list([3, 2]), list([3]), list([3])], k: 2, catalogSize: 4).value == 0.625)
        #expect(ExposureGini(lists: [list([0, 1]), list([2, 3])], k: 2, catalogSize: 4).value == 0)
        // Everything on one item of n = 5: (n − 1)/n.
        #expect(
            abs(ExposureGini(lists: Array(repeating: list([4]), count: 3), k: 1, catalogSize: 5).value - 0.8) < 1e-12)
    }

    @Test("personalization: hand values, identical lists, disjoint lists")
    func personalization() {
        // Similarities 1/2, 0, 0 ⇒ mean 1/6.
        #expect(
            abs(Personalization(lists: [list([0, 1]), list([0, 2]), list([3, 4])], k: 2).value - 5.0 / 6) < 1e-12)
        #expect(abs(Personalization(lists: Array(repeating: list([0, 1, 2]), count: 4), k: 3).value) < 1e-12)
        #expect(Personalization(lists: [list([0]), list([1]), list([2])], k: 1).value == 1)
        // Unequal lengths: cosine 1/√(4·1) = 1/2.
        #expect(abs(Personalization(lists: [list([0, 1, 2, 3]), list([0])], k: 4).value - 0.5) < 1e-12)
    }

    @Test("leave-one-out values equal recomputation without the user")
    func leaveOneOut() {
        var generator = RandomSource(seed: 3)
        let lists = (0..<12).map { _ in (0..<5).map { _ in ItemID(index: generator.nextIndex(below: 15)) } }
        let statistics: [(any ListLevelStatistic, ([[ItemID]]) -> Double)] = [
            (
                CatalogCoverage(lists: lists, k: 4, catalogSize: 15),
                { CatalogCoverage(lists: $0, k: 4, catalogSize: 15).value }
            ),
            (
                ExposureGini(lists: lists, k: 4, catalogSize: 15),
                { ExposureGini(lists: $0, k: 4, catalogSize: 15).value }
            ),
            (Personalization(lists: lists, k: 4), { Personalization(lists: $0, k: 4).value }),
        ]
        for (statistic, recompute) in statistics {
            for index in lists.indices {
                var others = lists
                others.remove(at: index)
                #expect(abs(statistic.leavingOut(index) - recompute(others)) < 1e-12)
            }
        }
    }
}
