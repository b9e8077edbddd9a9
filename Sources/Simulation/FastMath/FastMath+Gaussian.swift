extension FastMath {
    /// `√x` in single precision for `x ≥ 0`, to about 2 units in the last place, without
    /// a library call (the library's sets `errno` and so keeps loops from vectorizing):
    /// the reciprocal root is guessed from the bit pattern and refined by three Newton
    /// steps, then multiplied by `x` (so that `√0 = 0`; the guess is made for at least the
    /// smallest normal number, so that it stays finite).
    @inline(__always)
    static func squareRoot(_ x: Float) -> Float {
        let guarded = max(x, .leastNormalMagnitude)
        var y = Float(bitPattern: 0x5F37_59DF &- (guarded.bitPattern >> 1))
        let half = 0.5 * guarded
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        return x * y
    }

    /// `ln x` in single precision for a positive normal `x`, to about 2e-7 absolute error
    /// near 1 and 1e-7 relative error elsewhere, without a library call or a branch:
    /// `x = m·2^e` with `m` in `[√½, √2)`, `ln m = 2·atanh(f)` with `f = (m − 1)/(m + 1)`
    /// summed to `f⁹` (|f| ≤ 0.172, so the next term is below 3e-9), and `e·ln 2` added
    /// with ln 2 split in two parts.
    @inline(__always)
    static func logarithm(_ x: Float) -> Float {
        let bits = x.bitPattern
        let unit = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)
        let high = unit > 1.414_213_5
        let m = high ? unit * 0.5 : unit
        let e = Float(Int32(bitPattern: bits >> 23) - (high ? 126 : 127))
        let f = (m - 1) / (m + 1)
        let s = f * f
        let series = f * (2 + s * (0.666_666_7 + s * (0.4 + s * (0.285_714_3 + s * 0.222_222_22))))
        return e * 0.693_145_75 + (e * 1.428_606_8e-6 + series)
    }

    /// `(cos 2πt, sin 2πt)` in single precision for `t` in `[0, 1]`, to about 3e-8
    /// absolute error: the nearest quarter turn `q` is split off, the rest
    /// `φ = 2π(t − q/4)` (|φ| ≤ π/4) goes through Taylor polynomials to `φ⁹` and `φ⁸`,
    /// and the pair is rotated by `q` quarter turns with selections instead of branches.
    @inline(__always)
    static func cosineAndSineOfTurns(_ t: Float) -> (cos: Float, sin: Float) {
        let scaled = t * 4
        // As in ``exponential(_:)``: adding 1.5·2^23 rounds to an integer, which then
        // sits in the low bits of the sum's bit pattern.
        let shifted = scaled + 12_582_912
        let phi = (scaled - (shifted - 12_582_912)) * 1.570_796_4
        let p2 = phi * phi
        let sine =
            phi * (1 + p2 * (-0.166_666_67 + p2 * (0.008_333_334 + p2 * (-0.000_198_412_7 + p2 * 2.755_731_9e-6))))
        let cosine = 1 + p2 * (-0.5 + p2 * (0.041_666_668 + p2 * (-0.001_388_888_9 + p2 * 2.480_158_7e-5)))
        let quarter = shifted.bitPattern & 3
        let swap = quarter & 1 == 1
        let c = swap ? sine : cosine
        let s = swap ? cosine : sine
        let negateCos = quarter == 1 || quarter == 2
        let negateSin = quarter >= 2
        return (negateCos ? -c : c, negateSin ? -s : s)
    }
}
