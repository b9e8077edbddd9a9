import Foundation
import RecData

/// A xoshiro256** generator (Blackman & Vigna, 2018) kept inside this module so the
/// behaviour loop can inline every draw, seeded from four outputs of a
/// ``RandomSource`` stream — so it inherits that stream's reproducibility.
///
/// `nextIndex(below:)` uses Lemire's multiply-shift without rejection: its bias is at
/// most `bound / 2^64`, far below anything a simulation can detect.
struct LocalRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    private var spareGaussian: Double?

    /// A generator seeded from `source` (which is not advanced: a copy is drawn from).
    init(_ source: RandomSource) {
        var seeder = source
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in `[0, 1)`.
    @inline(__always)
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform float in `[0, 1)`.
    @inline(__always)
    mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// A uniform integer in `0..<bound`.
    @inline(__always)
    mutating func nextIndex(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A standard normal deviate (Marsaglia's polar method; the second deviate of each
    /// pair is kept for the next call).
    @inline(__always)
    mutating func nextGaussian() -> Double {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spareGaussian = v * factor
                return u * factor
            }
        }
    }
}
