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

    /// `target[0..<width] = Σ_j source[offsets[j]..<offsets[j] + width]` over the `count`
    /// (at least one) element offsets, in their order: a row's gathered sum, eight lanes at
    /// a time kept in registers while every source row is added; `target` uninitialized or not.
    @inline(__always)
    static func gatheredSum(
        _ source: UnsafePointer<Float>, offsets: UnsafePointer<Int>, count: Int,
        into target: UnsafeMutablePointer<Float>, width: Int
    ) {
        var i = 0
        while i + 8 <= width {
            var t = UnsafeRawPointer(source + offsets[0] + i).loadUnaligned(as: SIMD8<Float>.self)
            var j = 1
            while j < count {
                t += UnsafeRawPointer(source + offsets[j] + i).loadUnaligned(as: SIMD8<Float>.self)
                j += 1
            }
            UnsafeMutableRawPointer(target + i).storeBytes(of: t, as: SIMD8<Float>.self)
            i += 8
        }
        while i < width {
            var t = source[offsets[0] + i]
            for j in 1..<max(count, 1) { t += source[offsets[j] + i] }
            (target + i).initialize(to: t)
            i += 1
        }
    }

    /// `target[0..<count] = a[0..<count] + b[0..<count]`, rectified (`max(x, 0)`) when
    /// `rectifying`; `target` uninitialized or not.
    @inline(__always)
    static func sum(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int,
        rectifying: Bool = false
    ) {
        var i = 0
        while i + 8 <= count {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            var sum = x + y
            if rectifying { sum.replace(with: 0, where: sum .< 0) }
            UnsafeMutableRawPointer(target + i).storeBytes(of: sum, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            let sum = a[i] + b[i]
            (target + i).initialize(to: rectifying ? max(sum, 0) : sum)
            i += 1
        }
    }

    /// `target[0..<count] = source[0..<count]`, `target` uninitialized or not: a short
    /// row's copy without a library call.
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            UnsafeMutableRawPointer(target + i).storeBytes(
                of: UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            (target + i).initialize(to: source[i])
            i += 1
        }
    }
}
