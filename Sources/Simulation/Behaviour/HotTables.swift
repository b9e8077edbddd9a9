/// The read-only tables the behaviour loop touches for every draw and every shown item,
/// and a plain view of them (pointers and numbers only, so copying it costs nothing).
///
/// Items are indexed by their rank in the behaviour order (see
/// ``Catalog/orderedForBehaviour()``: popularity, or publication for news);
/// ``View/itemOfRank`` turns a rank back into the item id. What the loop reads about an
/// item sits in its ``ItemRecords`` record.
final class HotTables: @unchecked Sendable {
    private let records: ItemRecords
    private let buffers: [AnyObject]
    /// The view the workers read through, valid while this object lives.
    let view: View

    init(model: WorldModel, ranked catalog: Catalog, itemOfRank: [Int], exposure: ExposureModel, slateSize: Int) {
        records = ItemRecords(catalog: catalog)
        let epochEntries = FrozenBuffer(exposure.entries)
        let epochPopularity = FrozenBuffer(exposure.popularity)
        let epochTail = FrozenBuffer(exposure.tail)
        let entryStarts = FrozenBuffer(exposure.entryStarts)
        let tailStarts = FrozenBuffer(exposure.tailStarts)
        let positionWeights = FrozenBuffer(model.choice.positionWeights)
        let ranks = FrozenBuffer(itemOfRank.map(UInt32.init))
        let effects = model.effects
        let groupTable = FrozenBuffer(effects.groupTable)
        let seasonTable = FrozenBuffer(effects.seasonTable)
        var windowedBits = [UInt64](repeating: 0, count: (catalog.count + 63) / 64)
        if catalog.hasAvailabilityWindows {
            for item in 0..<catalog.count where catalog.arrival[item] > 0 || catalog.expiry[item] < model.clock.duration
            {
                windowedBits[item >> 6] |= 1 << UInt64(item & 63)
            }
        }
        let windowed = FrozenBuffer(windowedBits)
        buffers = [
            windowed, epochEntries, epochPopularity, epochTail, entryStarts, tailStarts, positionWeights, groupTable,
            seasonTable, ranks,
        ]
        view = View(
            records: records.base, recordStride: records.stride, dimension: catalog.dimension,
            itemOfRank: ranks.pointer,
            checkWindows: catalog.hasAvailabilityWindows, windowed: windowed.pointer,
            identityItems: exposure.itemsAreIdentity,
            epochEntries: epochEntries.pointer, epochPopularity: epochPopularity.pointer, epochTail: epochTail.pointer,
            entryStarts: entryStarts.pointer, tailStarts: tailStarts.pointer,
            epochLength: exposure.epochLength, epochCount: exposure.epochCount,
            popularityThreshold: UInt64((exposure.popularityShare * 4_294_967_296.0).rounded()),
            randomThreshold: UInt64((exposure.randomShare * 4_294_967_296.0).rounded()), slateSize: slateSize,
            utilityScale: model.utilityScale, inverseTemperature: model.choice.inverseTemperature,
            noChoiceWeight: model.choice.noChoiceWeight, positionWeights: positionWeights.pointer,
            hasGroupDrift: effects.drift != nil, groupTable: effects.groupTable.isEmpty ? nil : groupTable.pointer,
            groupCount: effects.groups, hasSeasonal: effects.seasonal != nil,
            seasonTable: effects.seasonTable.isEmpty ? nil : seasonTable.pointer, tabulatedHours: Int64(effects.hours),
            freshnessWeight: effects.freshness?.weight, freshnessHalfLife: effects.freshness?.halfLife ?? 1
        )
    }

    /// Pointers into the tables and the numbers the loop needs.
    struct View {
        /// The items' records (see ``ItemRecords``), by rank.
        let records: UnsafeRawPointer
        let recordStride: Int
        let dimension: Int
        let itemOfRank: UnsafePointer<UInt32>
        /// Whether drawn items' windows must be checked.
        let checkWindows: Bool
        /// Bit set of the items whose window closes them at some time of the clock (only
        /// they need a look at their entry when ``identityItems``).
        let windowed: UnsafePointer<UInt64>
        /// Whether an epoch position is the item itself (one epoch holding every item in rank order).
        let identityItems: Bool
        let epochEntries: UnsafePointer<ExposureModel.Entry>
        let epochPopularity: UnsafePointer<ExposureModel.PopularityColumn>
        /// Epoch positions of each epoch's long tail.
        let epochTail: UnsafePointer<UInt32>
        let entryStarts: UnsafePointer<Int>
        let tailStarts: UnsafePointer<Int>
        let epochLength: Int64
        let epochCount: Int
        /// The policy's shares as thresholds on 32 random bits.
        let popularityThreshold: UInt64
        let randomThreshold: UInt64
        let slateSize: Int
        let utilityScale: Float
        let inverseTemperature: Float
        let noChoiceWeight: Float
        let positionWeights: UnsafePointer<Float>
        let hasGroupDrift: Bool
        let groupTable: UnsafePointer<Float>?
        let groupCount: Int
        let hasSeasonal: Bool
        let seasonTable: UnsafePointer<Float>?
        let tabulatedHours: Int64
        let freshnessWeight: Float?
        let freshnessHalfLife: Double

        /// The record of the item of rank `rank`.
        @inline(__always)
        func record(_ rank: Int) -> ItemRecord { ItemRecord(pointer: records + rank &* recordStride) }

        /// The exposure epoch in force at `time`.
        @inline(__always)
        func epochIndex(at time: Int64) -> Int {
            epochLength == .max ? 0 : min(epochCount - 1, Int(max(time, 0) / epochLength))
        }
    }
}
