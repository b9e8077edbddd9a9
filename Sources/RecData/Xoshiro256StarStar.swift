/// Blackman & Vigna's xoshiro256** generator ("Scrambled linear pseudorandom number
/// generators", 2018): 256 bits of state, period 2^256 − 1, fast and statistically strong.
///
/// The state and `next()` are inlinable so that loops in other modules drawing millions
/// of numbers (bootstrap resampling) compile the generator into the loop.
@frozen
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator from an explicit state, which must not be all zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// Creates a generator whose state is four outputs of ``SplitMix64`` seeded with `seed`,
    /// as the algorithm's authors recommend.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        self.init(state: (seeder.next(), seeder.next(), seeder.next(), seeder.next()))
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, by: 45)
        return result
    }

    /// `x` rotated left by `k` bits, `0 < k < 64` (masking shifts: one rotate instruction).
    @inlinable @inline(__always)
    static func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x &<< k) | (x &>> (64 &- k))
    }
}
