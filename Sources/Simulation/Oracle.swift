/// The ground truth of a simulated world: what every user truly thinks of every item.
///
/// Only simulated worlds have one; evaluation uses it to rank against the best
/// possible answer.
public struct Oracle: Sendable {
    /// Hidden user preference vectors, `users × dimension`, row-major.
    public let userVectors: [Double]
    /// Hidden item vectors, `items × dimension`, row-major.
    public let itemVectors: [Double]
    /// Item quality terms, added to every user's utility for the item.
    public let itemQuality: [Double]
    /// The latent dimension.
    public let dimension: Int

    /// Creates an oracle from its latent factors.
    public init(userVectors: [Double], itemVectors: [Double], itemQuality: [Double], dimension: Int) {
        self.userVectors = userVectors
        self.itemVectors = itemVectors
        self.itemQuality = itemQuality
        self.dimension = dimension
    }

    /// The true utility of item `item` for user `user`: the scaled inner product of
    /// their hidden vectors plus the item's quality.
    public func utility(user: Int, item: Int) -> Double {
        var dot = 0.0
        let u = user * dimension
        let v = item * dimension
        for d in 0..<dimension {
            dot += userVectors[u + d] * itemVectors[v + d]
        }
        return dot / Double(dimension).squareRoot() + itemQuality[item]
    }
}
