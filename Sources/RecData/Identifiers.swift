/// A user's dense identifier: users of a dataset are numbered `0..<userCount`.
public struct UserID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The user's position in the dataset's user table.
    public let rawValue: UInt32

    /// Creates an identifier from its raw value.
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    /// Creates an identifier from a table index.
    public init(index: Int) { self.rawValue = UInt32(index) }

    /// The user's row in the dataset's user table.
    public var index: Int { Int(rawValue) }

    public static func < (lhs: UserID, rhs: UserID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "u\(rawValue)" }
}

/// An item's dense identifier: items of a dataset are numbered `0..<itemCount`.
public struct ItemID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The item's position in the dataset's item table.
    public let rawValue: UInt32

    /// Creates an identifier from its raw value.
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    /// Creates an identifier from a table index.
    public init(index: Int) { self.rawValue = UInt32(index) }

    /// The item's row in the dataset's item table.
    public var index: Int { Int(rawValue) }

    public static func < (lhs: ItemID, rhs: ItemID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "i\(rawValue)" }
}
