/// The details of one logged choice, packed into 32 bits beside its interaction.
///
/// Layout: bits 0–7 slate position (255 for 255 and beyond), bit 8 purchased, bit 9
/// liked, bits 10–12 rating (0 for none), bit 13 has a watch fraction, bit 14 in the
/// dataset, bits 16–31 the watch fraction in steps of 1/65535.
public struct LoggedFeedback: Hashable, Sendable {
    /// The packed bits.
    public let rawValue: UInt32

    /// Wraps packed bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Packs the details of a choice.
    public init(
        position: Int, purchased: Bool = false, liked: Bool = false, rating: Int? = nil, watchFraction: Float? = nil,
        inDataset: Bool
    ) {
        var bits = UInt32(min(max(position, 0), 255))
        if purchased { bits |= 1 << 8 }
        if liked { bits |= 1 << 9 }
        if let rating { bits |= UInt32(min(max(rating, 1), 5)) << 10 }
        if let watchFraction {
            bits |= 1 << 13
            bits |= UInt32((min(max(watchFraction, 0), 1) * 65_535).rounded()) << 16
        }
        if inDataset { bits |= 1 << 14 }
        rawValue = bits
    }

    /// Zero-based position of the chosen item in its slate.
    public var position: Int { Int(rawValue & 0xFF) }
    /// Whether the click led to a purchase (e-commerce).
    public var purchased: Bool { rawValue & (1 << 8) != 0 }
    /// Whether the watch led to a like (video).
    public var liked: Bool { rawValue & (1 << 9) != 0 }
    /// The 1–5 rating, when one was given (e-commerce).
    public var rating: Int? {
        let value = Int((rawValue >> 10) & 0x7)
        return value == 0 ? nil : value
    }
    /// The fraction watched, when the family has one (video).
    public var watchFraction: Float? {
        rawValue & (1 << 13) == 0 ? nil : Float(rawValue >> 16) / 65_535
    }
    /// Whether the choice is one of the dataset's interactions.
    public var inDataset: Bool { rawValue & (1 << 14) != 0 }
}
