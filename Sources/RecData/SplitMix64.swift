/// Steele, Lea & Flood's SplitMix64 generator ("Fast splittable pseudorandom number
/// generators", OOPSLA 2014): a 64-bit counter passed through a strong mixing function.
///
/// Used here to seed ``Xoshiro256StarStar`` and to derive independent stream keys.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose first output mixes `seed &+ 0x9E3779B97F4A7C15`.
    public init(seed: UInt64) { self.state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
