/// Standard normal deviates in bulk by the Box–Muller transform (Box & Muller, "A note
/// on the generation of random normal deviates", Ann. Math. Statist. 1958), in single
/// precision with ``FastMath``'s branch-free logarithm, square root and quarter-turn
/// sine and cosine, so that the loop vectorizes.
///
/// Pair `i` takes `u₁` in `(0, 1]` from the 31 high bits of its first 32-bit random
/// number (deviates reach 6.7 standard deviations) and `u₂` in `[0, 1)` from the 24 high
/// bits of its second; with `r = sqrt(−2 ln u₁)` and `θ = 2π·u₂` the deviates are
/// `r·cos θ` and `r·sin θ`.
enum BoxMuller {
    /// Turns `count` pairs of 32-bit random numbers, `first[i]` and `second[i]`, into
    /// `2·count` deviates: pair `i` gives `cosines[i]` and `sines[i]`.
    @inline(__always)
    static func fill(
        first: UnsafePointer<UInt32>, second: UnsafePointer<UInt32>, count: Int,
        cosines: UnsafeMutablePointer<Float>, sines: UnsafeMutablePointer<Float>
    ) {
        for index in 0..<count {
            let u1 = (Float(Int32(bitPattern: first[index] >> 1)) + 0.5) * 0x1.0p-31
            let u2 = Float(Int32(bitPattern: second[index] >> 8)) * 0x1.0p-24
            let radius = FastMath.squareRoot(-2 * FastMath.logarithm(u1))
            let turn = FastMath.cosineAndSineOfTurns(u2)
            cosines[index] = radius * turn.cos
            sines[index] = radius * turn.sin
        }
    }
}
