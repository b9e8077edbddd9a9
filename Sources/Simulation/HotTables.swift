/// Raw copies of the read-only tables the behaviour loop touches for every shown item,
/// and a plain view of them (pointers and numbers only, so copying it costs nothing).
///
/// Items are indexed by popularity rank (see ``Catalog/rankedByPopularity()``);
/// ``View/itemOfRank`` turns a rank back into the item id.
///
/// The 8-bit item vectors are stored with a row stride padded to a power of two (up to
/// 64 components, then a multiple of 64) in 64-byte-aligned memory, so that a vector
/// of up to 64 components never straddles two cache lines.
final class HotTables: @unchecked Sendable {
    private let vectors: UnsafeMutableRawPointer
    private let buffers: [AnyObject]
    /// The view the workers read through, valid while this object lives.
    let view: View

    init(model: WorldModel, ranked catalog: Catalog, itemOfRank: [Int], exposure: ExposureModel, slateSize: Int) {
        let dimension = catalog.dimension
        var stride = 1
        while stride < min(dimension, 64) { stride *= 2 }
        if dimension > 64 { stride = (dimension + 63) / 64 * 64 }
        vectors = UnsafeMutableRawPointer.allocate(byteCount: max(1, catalog.count * stride), alignment: 64)
        let rows = vectors.initializeMemory(as: Int8.self, repeating: 0, count: max(1, catalog.count * stride))
        for item in 0..<catalog.count {
            for d in 0..<dimension { rows[item * stride + d] = catalog.quantized[item * dimension + d] }
        }
        let staticBias = FrozenBuffer(catalog.staticBias), group = FrozenBuffer(catalog.group)
        let windows = FrozenBuffer(zip(catalog.arrival, catalog.expiry).map { Window(from: $0, until: $1) })
        let season = FrozenBuffer(catalog.season), publishTime = FrozenBuffer(catalog.publishTime)
        let epochItems = FrozenBuffer(exposure.items), epochPopularity = FrozenBuffer(exposure.popularity)
        let epochTail = FrozenBuffer(exposure.tail), itemStarts = FrozenBuffer(exposure.itemStarts)
        let tailStarts = FrozenBuffer(exposure.tailStarts), positionWeights = FrozenBuffer(model.choice.positionWeights)
        let ranks = FrozenBuffer(itemOfRank.map(UInt32.init))
        let effects = model.effects
        let groupTable = FrozenBuffer(effects.groupTable), seasonTable = FrozenBuffer(effects.seasonTable)
        buffers = [
            staticBias, windows, group, season, publishTime, epochItems, epochPopularity, epochTail,
            itemStarts, tailStarts, positionWeights, groupTable, seasonTable, ranks,
        ]
        view = View(
            vectors: UnsafePointer(vectors.assumingMemoryBound(to: Int8.self)), vectorStride: stride, dimension: dimension,
            itemOfRank: ranks.pointer,
            staticBias: staticBias.pointer, windows: windows.pointer,
            group: group.pointer, season: season.pointer, publishTime: publishTime.pointer,
            checkWindows: catalog.hasAvailabilityWindows, identityItems: exposure.itemsAreIdentity,
            epochItems: epochItems.pointer, epochPopularity: epochPopularity.pointer, epochTail: epochTail.pointer,
            itemStarts: itemStarts.pointer, tailStarts: tailStarts.pointer,
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

    deinit {
        vectors.deallocate()
    }

    /// An item's availability `from..<until` in clock seconds, clamped to 32 bits
    /// (clocks are shorter than 68 years), so that one 8-byte load answers it.
    struct Window {
        let from: Int32
        let until: Int32

        init(from: Int64, until: Int64) {
            self.from = Int32(clamping: from)
            self.until = Int32(clamping: until)
        }

        /// Whether `time` falls in the window.
        @inline(__always)
        func contains(_ time: Int64) -> Bool { Int64(from) <= time && time < Int64(until) }
    }

    /// Pointers into the tables and the numbers the loop needs.
    struct View {
        let vectors: UnsafePointer<Int8>
        let vectorStride: Int
        let dimension: Int
        let itemOfRank: UnsafePointer<UInt32>
        let staticBias: UnsafePointer<Float>
        let windows: UnsafePointer<Window>
        let group: UnsafePointer<Int32>
        let season: UnsafePointer<Int8>
        let publishTime: UnsafePointer<Int64>
        let checkWindows: Bool
        let identityItems: Bool
        let epochItems: UnsafePointer<UInt32>
        let epochPopularity: UnsafePointer<ExposureModel.PopularityColumn>
        let epochTail: UnsafePointer<UInt32>
        let itemStarts: UnsafePointer<Int>
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

        /// Whether any time effect applies.
        var hasTimeEffects: Bool { hasGroupDrift || hasSeasonal || freshnessWeight != nil }

        /// The exposure epoch in force at `time`.
        @inline(__always)
        func epochIndex(at time: Int64) -> Int {
            epochLength == .max ? 0 : min(epochCount - 1, Int(max(time, 0) / epochLength))
        }
    }
}
