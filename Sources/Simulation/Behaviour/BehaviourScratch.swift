/// One worker's scratch memory for the behaviour loop, reused across users.
///
/// Holds the items the logging policy must not draw (a bit set of the current user's
/// chosen items and, while a slate fills, of the slate's items), and the slate's items,
/// utilities, weights and the ages and freshness of its articles.
final class BehaviourScratch {
    let blocked: UnsafeMutablePointer<UInt64>
    let slate: UnsafeMutablePointer<Int>
    let utilities: UnsafeMutablePointer<Float>
    let weights: UnsafeMutablePointer<Float>
    let ages: UnsafeMutablePointer<Int32>
    let fresh: UnsafeMutablePointer<Float>
    /// Items the current user chose (their count is kept by the caller), to clear their bits afterwards.
    let chosenList: UnsafeMutablePointer<Int>

    init(items: Int, slateSize: Int) {
        let words = (items + 63) / 64
        chosenList = .allocate(capacity: max(1, items))
        chosenList.initialize(repeating: 0, count: max(1, items))
        blocked = .allocate(capacity: max(1, words))
        blocked.initialize(repeating: 0, count: max(1, words))
        slate = .allocate(capacity: slateSize)
        slate.initialize(repeating: 0, count: slateSize)
        utilities = .allocate(capacity: slateSize)
        utilities.initialize(repeating: 0, count: slateSize)
        weights = .allocate(capacity: slateSize)
        weights.initialize(repeating: 0, count: slateSize)
        ages = .allocate(capacity: slateSize)
        ages.initialize(repeating: 0, count: slateSize)
        fresh = .allocate(capacity: slateSize)
        fresh.initialize(repeating: 0, count: slateSize)
    }

    deinit {
        chosenList.deallocate()
        blocked.deallocate()
        slate.deallocate()
        utilities.deallocate()
        weights.deallocate()
        ages.deallocate()
        fresh.deallocate()
    }

    /// Forgets the current user's `count` choices.
    func clearChosen(count: Int) {
        for index in 0..<count { blocked[chosenList[index] >> 6] = 0 }
    }
}
