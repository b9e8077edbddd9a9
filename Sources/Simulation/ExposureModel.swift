import RecData

/// The logging policy, compiled for fast slate filling.
///
/// When items come and go, the clock is cut into epochs; each epoch keeps the items
/// available at some moment of it, with an alias table over their popularity and the
/// list of its less popular half (the long tail exploration draws from). A draw picks
/// from the epoch of the slate's time and the caller rejects items not available at
/// that very moment, which leaves the draw proportional to the policy's weights over
/// the available items. Epochs are stored flat: epoch e owns
/// `items[itemStarts[e]..<itemStarts[e + 1]]` (and the same range of `popularity`)
/// and `tail[tailStarts[e]..<tailStarts[e + 1]]`.
struct ExposureModel: Sendable {
    /// One alias-table column with its alias resolved to an item id (8 bytes, so the
    /// table of a large catalog stays in cache).
    struct PopularityColumn: Sendable {
        /// Keep the column's own item when the low 32 random bits are below this
        /// (`UInt32.max` means always).
        let keep: UInt32
        let aliasItem: UInt32
    }

    /// Seconds per epoch; `Int64.max` when there is one epoch for the whole clock.
    let epochLength: Int64
    let epochCount: Int
    let itemStarts: [Int]
    let items: [UInt32]
    let popularity: [PopularityColumn]
    let tailStarts: [Int]
    let tail: [UInt32]
    /// Share of slots filled by popularity.
    let popularityShare: Double
    /// Share filled by popularity or at random (the rest explores the tail).
    let randomShare: Double

    init(catalog: Catalog, policy: LoggingPolicyConfig, clock: WorldClock, lifetime: Int64?) {
        popularityShare = policy.popularity
        randomShare = policy.popularity + policy.random
        var members: [[UInt32]]
        if catalog.hasAvailabilityWindows {
            let length = max(WorldClock.secondsPerHour, lifetime.map { $0 / 4 } ?? clock.duration / 16)
            let count = Int(max(clock.duration, 1) / length) + 1
            members = [[UInt32]](repeating: [], count: count)
            for item in 0..<catalog.count {
                let from = catalog.arrival[item], until = catalog.expiry[item]
                guard until > 0, from < clock.duration else { continue }
                let first = Int(max(from, 0) / length)
                let last = min(count - 1, Int((min(until, clock.duration) - 1) / length))
                guard first <= last else { continue }
                for epoch in first...last { members[epoch].append(UInt32(item)) }
            }
            epochLength = length
        } else {
            members = [(0..<catalog.count).map(UInt32.init)]
            epochLength = .max
        }
        epochCount = members.count
        var itemStarts = [0], tailStarts = [0]
        var items = [UInt32](), popularity = [PopularityColumn](), tail = [UInt32]()
        for epochItems in members {
            items += epochItems
            if !epochItems.isEmpty {
                let weights = epochItems.map { catalog.popularity[Int($0)] }
                popularity += AliasTable(weights: weights).columns.enumerated().map { column, entry in
                    PopularityColumn(keep: UInt32(entry >> 32), aliasItem: epochItems[Int(entry & 0xFFFF_FFFF)])
                }
                let median = weights.sorted()[weights.count / 2]
                let epochTail = epochItems.filter { catalog.popularity[Int($0)] < median }
                tail += epochTail.isEmpty ? epochItems : epochTail
            }
            itemStarts.append(items.count)
            tailStarts.append(tail.count)
        }
        self.itemStarts = itemStarts
        self.items = items
        self.popularity = popularity
        self.tailStarts = tailStarts
        self.tail = tail
    }

    /// Whether there is one epoch holding every item in id order, so a column's own
    /// item is its index.
    var itemsAreIdentity: Bool { epochCount == 1 && items.count == itemStarts[1] && items.enumerated().allSatisfy { $0.offset == Int($0.element) } }

    /// The item a popularity draw with 64 random `bits` picks from the `count` columns
    /// whose own items are `items` (or the column indices when `identity`).
    @inline(__always)
    static func popularItem(
        columns: UnsafePointer<PopularityColumn>, items: UnsafePointer<UInt32>, identity: Bool, count: Int, bits: UInt64
    ) -> Int {
        let index = Int(((bits >> 32) &* UInt64(count)) >> 32)
        let column = columns[index]
        let low = UInt32(truncatingIfNeeded: bits)
        guard low < column.keep || column.keep == UInt32.max else { return Int(column.aliasItem) }
        return identity ? index : Int(items[index])
    }

    /// The epoch in force at `time`.
    @inline(__always)
    func epochIndex(at time: Int64) -> Int {
        epochLength == .max ? 0 : min(epochCount - 1, Int(max(time, 0) / epochLength))
    }
}
