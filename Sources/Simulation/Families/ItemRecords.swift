/// The facts the behaviour loop reads about a drawn or shown item, packed into one
/// record per item (in the catalog's order) so that a single cache line holds them all:
///
/// | bytes | field |
/// |---|---|
/// | 0–3 | static bias (`Float`) |
/// | 4–7 | first second available, clamped to 32 bits (`Int32.min` when always) |
/// | 8–11 | drift group (low 28 bits) and seasonal-demand code (high 4 bits) |
/// | 12… | the 8-bit hidden vector (see ``Catalog/quantize()``) |
///
/// A news article's publication is its arrival, so the first available second is also
/// its publication time for freshness. (Whether an item is available when drawn is read
/// from the exposure epochs' entries, see ``ExposureModel/Entry``.) Records are
/// `12 + dimension` bytes rounded up to a power of two (up to 64, then to a multiple of
/// 64) in 64-byte-aligned memory, so that a record of up to 52 components never
/// straddles two cache lines.
final class ItemRecords: @unchecked Sendable {
    /// The first record (valid while this object lives).
    let base: UnsafeRawPointer
    /// Bytes from one record to the next.
    let stride: Int

    /// Byte offset of the hidden vector in a record.
    static let vectorOffset = 12
    /// Bits of the packed word that hold the drift group.
    static let groupBits: UInt32 = 28

    init(catalog: Catalog) {
        let size = Self.vectorOffset + catalog.dimension
        var stride = 16
        while stride < min(size, 64) { stride *= 2 }
        if size > 64 { stride = (size + 63) / 64 * 64 }
        self.stride = stride
        precondition(catalog.groupCount <= 1 << Self.groupBits, "too many drift groups for an item record")
        precondition(
            catalog.publishTime.isEmpty || catalog.publishTime == catalog.arrival,
            "articles are published when they arrive")
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(1, catalog.count * stride), alignment: 64)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, catalog.count * stride))
        for item in 0..<catalog.count {
            let record = memory + item * stride
            record.storeBytes(of: catalog.staticBias[item], as: Float.self)
            record.storeBytes(of: catalog.clampedWindow(of: item).arrival, toByteOffset: 4, as: Int32.self)
            let group = catalog.group.isEmpty ? 0 : UInt32(catalog.group[item])
            let season = catalog.season.isEmpty ? 0 : UInt32(UInt8(catalog.season[item]))
            record.storeBytes(of: season << Self.groupBits | group, toByteOffset: 8, as: UInt32.self)
            let vector = (record + Self.vectorOffset).assumingMemoryBound(to: Int8.self)
            for d in 0..<catalog.dimension { vector[d] = catalog.quantized[item * catalog.dimension + d] }
        }
        base = UnsafeRawPointer(memory)
    }

    deinit {
        UnsafeMutableRawPointer(mutating: base).deallocate()
    }
}

/// One item's record in ``ItemRecords``, read in place.
struct ItemRecord {
    let pointer: UnsafeRawPointer

    /// The item's static bias.
    @inline(__always)
    var bias: Float { pointer.load(as: Float.self) }

    /// The first second the item is available (a news article's publication).
    @inline(__always)
    var arrival: Int64 { Int64(pointer.load(fromByteOffset: 4, as: Int32.self)) }

    /// The item's drift group.
    @inline(__always)
    var group: Int { Int(pointer.load(fromByteOffset: 8, as: UInt32.self) & (1 << ItemRecords.groupBits - 1)) }

    /// The item's seasonal-demand code.
    @inline(__always)
    var season: Int { Int(pointer.load(fromByteOffset: 8, as: UInt32.self) >> ItemRecords.groupBits) }

    /// The item's 8-bit hidden vector.
    @inline(__always)
    var vector: UnsafePointer<Int8> { (pointer + ItemRecords.vectorOffset).assumingMemoryBound(to: Int8.self) }
}
