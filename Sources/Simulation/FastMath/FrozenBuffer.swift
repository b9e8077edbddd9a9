/// A read-only copy of an array in raw memory, freed with the object.
///
/// The behaviour loop reads catalog tables through plain pointers taken from these, so
/// no reference counting or bounds checking happens per item.
final class FrozenBuffer<Element>: @unchecked Sendable {
    /// The first element (valid for ``count`` elements while the buffer lives).
    let base: UnsafeMutablePointer<Element>
    /// The number of elements.
    let count: Int

    init(_ values: [Element]) {
        count = values.count
        base = UnsafeMutablePointer<Element>.allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { base.initialize(from: address, count: values.count) }
        }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// A read-only pointer to the elements.
    var pointer: UnsafePointer<Element> { UnsafePointer(base) }
}
