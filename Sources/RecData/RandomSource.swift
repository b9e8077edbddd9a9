import Foundation

/// The toolkit's seeded, splittable source of randomness.
///
/// Every random choice in a run flows from one scenario seed. A source is identified by
/// a 64-bit key; `stream(_:)` derives a child source from the key and a label alone,
/// never from how many numbers the parent has drawn. Per-user and per-cell streams are
/// therefore the same whatever order, or thread, they are used on.
///
/// Numbers come from ``Xoshiro256StarStar`` seeded through ``SplitMix64``. The draws are
/// inlinable, so that hot loops in other modules (bootstrap resampling) do not call
/// across modules for every number.
@frozen
public struct RandomSource: RandomNumberGenerator, Sendable {
    /// The key this source was created from; children are derived from it.
    public let key: UInt64
    @usableFromInline var generator: Xoshiro256StarStar

    /// Creates the root source for a seed.
    public init(seed: UInt64) {
        self.key = seed
        self.generator = Xoshiro256StarStar(seed: seed)
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 { generator.next() }

    // MARK: - Splitting

    /// A child source for an integer label (a user index, a cell index).
    public func stream(_ label: UInt64) -> RandomSource {
        RandomSource(seed: SplitMix64.mix(key ^ SplitMix64.mix(label &+ 0x9E37_79B9_7F4A_7C15)))
    }

    /// A child source for a text label (a purpose such as `"catalog"` or a model name).
    ///
    /// The label is hashed with 64-bit FNV-1a, which is stable across processes and
    /// platforms (Swift's `Hasher` is randomly seeded per process and cannot be used).
    public func stream(_ label: String) -> RandomSource {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in label.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return stream(hash)
    }

    // MARK: - Draws

    /// A uniform double in `[0, 1)` with 53 random bits.
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
    @inlinable
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A standard normal deviate (Box–Muller; one of the pair is used, so draws stay
    /// a fixed two numbers per call).
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextUnit()
        let u2 = nextUnit()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A Fisher–Yates shuffle of `values`, driven by this source.
    @inlinable
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, nextIndex(below: i + 1))
        }
    }
}
