/// Least-significant-digit radix sort of 64-bit keys, returning the sorting permutation.
///
/// Used to put the simulated log into time order: keys are `time << userBits | user`,
/// unique because a user never logs two choices in the same second. Linear in the
/// number of keys, which keeps world generation linear in the number of users.
enum EventOrder {
    /// The permutation that sorts `keys` ascending (stable).
    static func sortingPermutation(of keys: [UInt64]) -> [UInt32] {
        let count = keys.count
        var order = (0..<count).map { UInt32($0) }
        guard count > 1 else { return order }
        var currentKeys = keys
        var nextKeys = [UInt64](repeating: 0, count: count)
        var nextOrder = [UInt32](repeating: 0, count: count)
        let digitBits: UInt64 = 11
        let buckets = 1 << Int(digitBits)
        let highest = keys.max() ?? 0
        var shift: UInt64 = 0
        while shift < 64, highest >> shift != 0 {
            var counts = [Int](repeating: 0, count: buckets)
            for key in currentKeys { counts[Int((key >> shift) & UInt64(buckets - 1))] += 1 }
            if counts.contains(count) {
                shift += digitBits
                continue
            }
            var offset = 0
            for bucket in 0..<buckets {
                let size = counts[bucket]
                counts[bucket] = offset
                offset += size
            }
            for index in 0..<count {
                let key = currentKeys[index]
                let bucket = Int((key >> shift) & UInt64(buckets - 1))
                let target = counts[bucket]
                counts[bucket] = target + 1
                nextKeys[target] = key
                nextOrder[target] = order[index]
            }
            swap(&currentKeys, &nextKeys)
            swap(&order, &nextOrder)
            shift += digitBits
        }
        return order
    }

    /// The number of bits needed to hold values below `count`.
    static func bits(toHold count: Int) -> UInt64 {
        var bits: UInt64 = 0
        while (1 << bits) < count { bits += 1 }
        return bits
    }
}
