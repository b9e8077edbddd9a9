/// Raw copies of the read-only tables the behaviour loop touches for every shown item,
/// and the plain-pointer view of them one worker uses.
///
/// The 8-bit item vectors are stored with a row stride padded to a power of two (up to
/// 64 components, then a multiple of 64) in 64-byte-aligned memory, so that a vector
/// of up to 64 components never straddles two cache lines.
final class HotTables: @unchecked Sendable {
    let vectorStride: Int
    /// Whether exposure draws index items directly (one epoch with every item in order).
    let identityItems: Bool
    private let vectors: UnsafeMutableRawPointer
    let staticBias: FrozenBuffer<Float>
    let arrival: FrozenBuffer<Int64>
    let expiry: FrozenBuffer<Int64>
    let group: FrozenBuffer<Int32>
    let season: FrozenBuffer<Int8>
    let publishTime: FrozenBuffer<Int64>
    let epochItems: FrozenBuffer<UInt32>
    let epochPopularity: FrozenBuffer<ExposureModel.PopularityColumn>
    let epochTail: FrozenBuffer<UInt32>

    init(catalog: Catalog, exposure: ExposureModel) {
        let dimension = catalog.dimension
        var stride = 1
        while stride < min(dimension, 64) { stride *= 2 }
        if dimension > 64 { stride = (dimension + 63) / 64 * 64 }
        vectorStride = stride
        identityItems = exposure.itemsAreIdentity
        vectors = UnsafeMutableRawPointer.allocate(byteCount: max(1, catalog.count * stride), alignment: 64)
        let rows = vectors.initializeMemory(as: Int8.self, repeating: 0, count: max(1, catalog.count * stride))
        for item in 0..<catalog.count {
            for d in 0..<dimension { rows[item * stride + d] = catalog.quantized[item * dimension + d] }
        }
        staticBias = FrozenBuffer(catalog.staticBias)
        arrival = FrozenBuffer(catalog.arrival)
        expiry = FrozenBuffer(catalog.expiry)
        group = FrozenBuffer(catalog.group)
        season = FrozenBuffer(catalog.season)
        publishTime = FrozenBuffer(catalog.publishTime)
        epochItems = FrozenBuffer(exposure.items)
        epochPopularity = FrozenBuffer(exposure.popularity)
        epochTail = FrozenBuffer(exposure.tail)
    }

    deinit {
        vectors.deallocate()
    }

    /// Plain pointers into the tables, valid while this object lives.
    struct View {
        let vectors: UnsafePointer<Int8>
        let vectorStride: Int
    /// Whether exposure draws index items directly (one epoch with every item in order).
    let identityItems: Bool
        let staticBias: UnsafePointer<Float>
        let arrival: UnsafePointer<Int64>
        let expiry: UnsafePointer<Int64>
        let group: UnsafePointer<Int32>
        let season: UnsafePointer<Int8>
        let publishTime: UnsafePointer<Int64>
        let epochItems: UnsafePointer<UInt32>
        let epochPopularity: UnsafePointer<ExposureModel.PopularityColumn>
        let epochTail: UnsafePointer<UInt32>
    }

    var view: View {
        View(
            vectors: UnsafePointer(vectors.assumingMemoryBound(to: Int8.self)), vectorStride: vectorStride, identityItems: identityItems,
            staticBias: staticBias.pointer, arrival: arrival.pointer, expiry: expiry.pointer,
            group: group.pointer, season: season.pointer, publishTime: publishTime.pointer,
            epochItems: epochItems.pointer, epochPopularity: epochPopularity.pointer, epochTail: epochTail.pointer
        )
    }
}
