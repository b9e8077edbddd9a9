import RecData

/// The items a task's sampled negatives must avoid, as a mask indexed by item: membership
/// is one array read where a `Set<ItemID>` hashes every draw.
struct KnownItems: Sendable {
    /// Whether each item index is known; at least as long as the catalogue.
    private let mask: [Bool]
    /// The number of distinct known items (as a set of them would count them).
    let count: Int

    /// The distinct items of `items`, in a mask over a catalogue of `itemCount` items
    /// (longer when an item lies beyond it, so that it still counts).
    init(_ items: some Sequence<ItemID>, itemCount: Int) {
        var mask = [Bool](repeating: false, count: itemCount)
        var count = 0
        for item in items {
            if item.index >= mask.count {
                mask.append(contentsOf: repeatElement(false, count: item.index + 1 - mask.count))
            }
            if !mask[item.index] {
                mask[item.index] = true
                count += 1
            }
        }
        self.mask = mask
        self.count = count
    }

    /// Whether `item`, an item of the catalogue, is known.
    func contains(_ item: ItemID) -> Bool {
        mask[item.index]
    }
}
