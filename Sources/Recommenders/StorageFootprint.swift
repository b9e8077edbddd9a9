/// A fitted model that can say how many bytes every user shares: its weights, factors,
/// counts or similarity lists — the memory serving needs once, whatever the number of users.
public protocol SharedModelFootprint {
    /// Bytes of the fitted model's own arrays; `nil` before fitting.
    var sharedModelBytes: Int? { get }
}

/// A personalized model that can say how many bytes it holds for its user beyond the
/// shared model: the per-user memory a service pays for every user it keeps adapted.
public protocol UserStateFootprint {
    /// Bytes of the arrays held for this user alone (adapted parameters, latent vector,
    /// posterior, the support it remembers, score caches), not counting what it shares
    /// with the fitted model.
    var userStateBytes: Int { get }
}

/// Byte counts of the arrays models hold, for ``SharedModelFootprint`` and ``UserStateFootprint``.
public enum ByteCount {
    /// The bytes of `count` values of `type` stored contiguously.
    public static func of<Element>(_ count: Int, _ type: Element.Type) -> Int {
        count * MemoryLayout<Element>.stride
    }

    /// The bytes of an array's elements.
    public static func of<Element>(_ array: [Element]) -> Int {
        of(array.count, Element.self)
    }
}
