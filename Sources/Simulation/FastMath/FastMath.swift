/// Elementary functions the behaviour loop calls for every shown item, computed
/// inline in single precision.
enum FastMath {
    /// `e^x` in single precision to about 3e-7 relative error, without a library call:
    /// `x = n·ln 2 + t` with n the nearest integer to `x·log₂e` (Cody–Waite reduction with
    /// ln 2 split in two parts), `e^t` is a degree-6 Taylor polynomial for |t| ≤ ½ln 2
    /// (evaluated by Estrin's scheme, whose short dependency chains let the processor
    /// overlap the exponentials of a slate) and 2^n is put into the exponent bits.
    /// Arguments are clamped to ±87, where single precision ends.
    @inline(__always)
    static func exponential(_ x: Float) -> Float {
        let clamped = min(max(x, -87), 87)
        // Adding and removing 1.5·2^23 rounds to the nearest integer (ties to even) in
        // plain arithmetic, without a rounding instruction baseline x86-64 lacks.
        // The integer then sits in the low bits of the sum's bit pattern, which gives 2^n
        // without a conversion (so loops over exponentials vectorize).
        let shifted = clamped * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        let t = (clamped - n * 0.693_145_75) - n * 1.428_606_8e-6
        let t2 = t * t
        let polynomial =
            (1 + t) + t2 * (0.5 + t * 0.166_666_67) + (t2 * t2)
            * ((0.041_666_668 + t * 0.008_333_334) + t2 * 0.001_388_889)
        return polynomial * Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23)
    }
}
