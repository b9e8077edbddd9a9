// Row sums on raw pointers, eight lanes at a time: the scatters and pooled gathers of
// embedding tables add short rows whose addresses the compiler cannot prove disjoint, so
// it would not vectorize them itself.

enum RowKernels {
    /// `target[0..<count] += weight · source[0..<count]`.
    @inline(__always)
    static func add(
        _ source: UnsafePointer<Float>, weight: Float = 1, into target: UnsafeMutablePointer<Float>, count: Int
    ) {
        var i = 0
        while i + 8 <= count {
            let s = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
            let t = UnsafeRawPointer(target + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(target + i).storeBytes(of: t + weight * s, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            target[i] += weight * source[i]
            i += 1
        }
    }
}
