/// One worker's scratch memory for the behaviour loop, reused across users.
///
/// Holds which items the current user has chosen (a bit set), which are on the
/// current slate (a stamp per item), and the slate's items, utilities and weights.
final class BehaviourScratch {
    let chosen: UnsafeMutablePointer<UInt64>
    let slateMark: UnsafeMutablePointer<UInt32>
    let slate: UnsafeMutablePointer<Int>
    let utilities: UnsafeMutablePointer<Float>
    let weights: UnsafeMutablePointer<Float>
    private let words: Int
    private let items: Int
    private let slateSize: Int
    /// Items the current user chose (their count is kept by the caller), to clear their bits afterwards.
    let chosenList: UnsafeMutablePointer<Int>
    /// The current slate's stamp in ``slateMark``.
    var stamp: UInt32 = 0

    init(items: Int, slateSize: Int) {
        self.items = items
        self.slateSize = slateSize
        words = (items + 63) / 64
        chosenList = .allocate(capacity: max(1, items))
        chosenList.initialize(repeating: 0, count: max(1, items))
        chosen = .allocate(capacity: max(1, words))
        chosen.initialize(repeating: 0, count: max(1, words))
        slateMark = .allocate(capacity: max(1, items))
        slateMark.initialize(repeating: 0, count: max(1, items))
        slate = .allocate(capacity: slateSize)
        slate.initialize(repeating: 0, count: slateSize)
        utilities = .allocate(capacity: slateSize)
        utilities.initialize(repeating: 0, count: slateSize)
        weights = .allocate(capacity: slateSize)
        weights.initialize(repeating: 0, count: slateSize)
    }

    deinit {
        chosenList.deallocate()
        chosen.deallocate()
        slateMark.deallocate()
        slate.deallocate()
        utilities.deallocate()
        weights.deallocate()
    }

    /// Starts a new slate: a fresh stamp (clearing the marks when stamps wrap around).
    @inline(__always)
    func nextStamp() -> UInt32 {
        stamp &+= 1
        if stamp == 0 {
            slateMark.update(repeating: 0, count: max(1, items))
            stamp = 1
        }
        return stamp
    }

    /// Forgets the current user's `count` choices.
    func clearChosen(count: Int) {
        for index in 0..<count { chosen[chosenList[index] >> 6] = 0 }
    }
}
