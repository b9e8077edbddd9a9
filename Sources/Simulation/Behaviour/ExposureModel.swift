import RecData

/// The logging policy, compiled for fast slate filling.
///
/// Each epoch of the clock keeps the items available at some moment of it, in
/// descending popularity, as entries that carry each item's availability window, with
/// an alias table over their popularity (see ``AliasTable``; each column packed with
/// its alias as an epoch position, so a draw is one 8-byte load and no branch) and the
/// positions of the less popular half (the long tail exploration draws from). A draw
/// picks from the epoch of the slate's time and the caller rejects items not available
/// at that very moment, which leaves the draw proportional to the policy's weights over
/// the available items. Short-lived items (news) get epochs of a quarter lifetime (at
/// least an hour), so that few draws are rejected; otherwise one epoch covers the whole
/// clock (churned items are then simply rejected while absent: splitting the clock
/// would spare those draws but spread the draws over tables too large to stay cached,
/// which costs more). Epochs are stored flat: epoch e owns
/// `entries[entryStarts[e]..<entryStarts[e + 1]]` (and the same range of `popularity`)
/// and `tail[tailStarts[e]..<tailStarts[e + 1]]`.
struct ExposureModel: Sendable {
    /// One alias-table column: keep the column's own position when the low 32 random
    /// bits are below `keep`, else take `alias` (a full column is its own alias).
    struct PopularityColumn: Sendable {
        let keep: UInt32
        let alias: UInt32
    }

    /// An item of an epoch with its availability window (``Catalog/clampedWindow(of:)``),
    /// so that a draw checks the window in the entry it has just read.
    struct Entry: Sendable {
        /// The item (its rank in the behaviour order).
        let item: UInt32
        /// The first second it is available (`Int32.min` when always).
        let arrival: Int32
        /// The first second it is no longer available (`Int32.max` when never).
        let expiry: Int32

        /// Whether the item is available at `time` (both ends compared without a
        /// branch, which would be mispredicted as often as items come and go).
        @inline(__always)
        func isAvailable(at time: Int64) -> Bool {
            let started = Int64(arrival) <= time ? 1 : 0
            let ended = time < Int64(expiry) ? 1 : 0
            return started & ended == 1
        }
    }

    /// Seconds per epoch; `Int64.max` when there is one epoch for the whole clock.
    let epochLength: Int64
    let epochCount: Int
    let entryStarts: [Int]
    let entries: [Entry]
    let popularity: [PopularityColumn]
    let tailStarts: [Int]
    /// Epoch positions of the long tail.
    let tail: [UInt32]
    /// Share of slots filled by popularity.
    let popularityShare: Double
    /// Share filled by popularity or at random (the rest explores the tail).
    let randomShare: Double

    init(catalog: Catalog, policy: LoggingPolicyConfig, clock: WorldClock, lifetime: Int64?) {
        popularityShare = policy.popularity
        randomShare = policy.popularity + policy.random
        let members: [[UInt32]]
        if catalog.hasAvailabilityWindows, let lifetime {
            let length = max(WorldClock.secondsPerHour, lifetime / 4)
            members = Self.members(of: catalog, epochLength: length, duration: max(clock.duration, 1))
            epochLength = length
        } else {
            members = [(0..<catalog.count).map(UInt32.init)]
            epochLength = .max
        }
        epochCount = members.count
        var entryStarts = [0]
        var tailStarts = [0]
        var entries = [Entry]()
        var popularity = [PopularityColumn]()
        var tail = [UInt32]()
        for unordered in members {
            let epochItems = unordered.sorted { (catalog.popularity[Int($0)], $1) > (catalog.popularity[Int($1)], $0) }
            entries += epochItems.map { item in
                let window = catalog.clampedWindow(of: Int(item))
                return Entry(item: item, arrival: window.arrival, expiry: window.expiry)
            }
            if !epochItems.isEmpty {
                let weights = epochItems.map { catalog.popularity[Int($0)] }
                popularity += AliasTable(weights: weights).columns.map { entry in
                    PopularityColumn(keep: UInt32(entry >> 32), alias: UInt32(entry & 0xFFFF_FFFF))
                }
                let median = weights.sorted()[weights.count / 2]
                let epochTail = weights.indices.filter { weights[$0] < median }.map(UInt32.init)
                tail += epochTail.isEmpty ? weights.indices.map(UInt32.init) : epochTail
            }
            entryStarts.append(entries.count)
            tailStarts.append(tail.count)
        }
        self.entryStarts = entryStarts
        self.entries = entries
        self.popularity = popularity
        self.tailStarts = tailStarts
        self.tail = tail
    }

    /// The items available at some moment of each epoch of `epochLength` seconds.
    private static func members(of catalog: Catalog, epochLength length: Int64, duration: Int64) -> [[UInt32]] {
        let count = Int(duration / length) + 1
        var members = [[UInt32]](repeating: [], count: count)
        for item in 0..<catalog.count {
            let from = catalog.arrival[item]
            let until = catalog.expiry[item]
            guard until > 0, from < duration else { continue }
            let first = Int(max(from, 0) / length)
            let last = min(count - 1, Int((min(until, duration) - 1) / length))
            guard first <= last else { continue }
            for epoch in first...last { members[epoch].append(UInt32(item)) }
        }
        return members
    }

    /// Whether there is one epoch holding every item in id order, so a position is the item.
    var itemsAreIdentity: Bool {
        epochCount == 1 && entries.count == entryStarts[1]
            && entries.enumerated().allSatisfy { $0.offset == Int($0.element.item) }
    }

    /// The epoch position a popularity draw with 64 random `bits` selects from `count`
    /// columns (the high half picks the column, the low half the coin; both resolved to
    /// 2^−32, below anything a simulation can detect).
    @inline(__always)
    static func popularPosition(columns: UnsafePointer<PopularityColumn>, count: Int, bits: UInt64) -> Int {
        let index = Int(((bits >> 32) &* UInt64(count)) >> 32)
        let column = columns[index]
        return UInt32(truncatingIfNeeded: bits) < column.keep ? index : Int(column.alias)
    }
}
