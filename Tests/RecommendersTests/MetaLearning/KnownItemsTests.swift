import RecData
import Testing

@testable import Recommenders

@Suite("Known items of a task")
struct KnownItemsTests {
    @Test("The mask holds exactly the given items and counts them as a set would, items beyond the catalogue included")
    func sameAsSet() {
        var random = RandomSource(seed: 4)
        for itemCount in [1, 7, 50] {
            let items = (0..<30).map { _ in ItemID(index: random.nextIndex(below: itemCount + 3)) }
            let known = KnownItems(items, itemCount: itemCount)
            let set = Set(items)
            #expect(known.count == set.count)
            for index in 0..<itemCount {
                #expect(known.contains(ItemID(index: index)) == set.contains(ItemID(index: index)))
            }
        }
        #expect(KnownItems([], itemCount: 5).count == 0)
    }

    @Test("A factory's task with a set of known items is its task with their mask, and avoids them")
    func taskFromSet() {
        let dataset = MetaLearningFixtures.dataset()
        var objectives = ObjectiveSettings()
        objectives.objective = .bpr
        let factory = MetaTaskFactory(
            encoder: FeatureEncoder(dataset: dataset, dimension: 3, itemIDs: true), dataset: dataset,
            objectives: objectives)
        let history = dataset.interactions.filter { $0.user == UserID(index: 2) }
        let known = Set(history.map(\.item) + [ItemID(index: 5)])
        let fromSet = factory.task(
            user: UserID(index: 2), support: Array(history.prefix(2)), query: Array(history.dropFirst(2).prefix(3)),
            known: known, random: RandomSource(seed: 8))
        let fromMask = factory.task(
            user: UserID(index: 2), support: Array(history.prefix(2)), query: Array(history.dropFirst(2).prefix(3)),
            known: KnownItems(known, itemCount: dataset.itemCount), random: RandomSource(seed: 8))
        #expect(fromSet.support == fromMask.support && fromSet.query == fromMask.query)
        guard case let .codes(ids) = fromSet.query.columns.last else {
            Issue.record("expected item ids last")
            return
        }
        // The query's three interactions come first, then their 4 sampled negatives each, none known.
        #expect(ids.count == 3 * 5)
        #expect(ids.dropFirst(3).allSatisfy { !known.contains(ItemID(index: Int($0))) })
    }
}
