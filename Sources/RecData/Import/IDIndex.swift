/// Dense indices `0..<count` for the id tokens of a user or item table, in order of first
/// appearance.
public struct IDIndex: Sendable {
    private var indices: [String: Int] = [:]
    /// The tokens in index order.
    public private(set) var tokens: [String] = []
    /// Whether tokens not yet listed may be added by ``resolve(_:)`` (no table lists the ids).
    public let isOpen: Bool

    /// An empty index; `open` when interactions may introduce ids.
    public init(open: Bool) {
        self.isOpen = open
    }

    /// The number of ids.
    public var count: Int { tokens.count }

    /// The index of `token`, if listed.
    public subscript(token: String) -> Int? { indices[token] }

    /// Lists `token` (a table row); returns `false` when it was listed already.
    public mutating func insert(_ token: String) -> Bool {
        guard indices[token] == nil else { return false }
        indices[token] = tokens.count
        tokens.append(token)
        return true
    }

    /// The index of `token`, adding it when the index is open; `nil` for an unknown token of
    /// a closed index.
    public mutating func resolve(_ token: String) -> Int? {
        if let index = indices[token] { return index }
        guard isOpen else { return nil }
        _ = insert(token)
        return tokens.count - 1
    }
}
