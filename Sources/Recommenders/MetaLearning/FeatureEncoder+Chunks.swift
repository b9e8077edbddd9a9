import Learning
import RecData

// MARK: - Batches in chunks

extension FeatureEncoder {
    /// Rows encoded and passed through a network at once when a user's items are scored,
    /// which bounds a batch's memory whatever the catalogue's size.
    static let chunkSize = 2_048

    /// `transform` of `user`'s batches of every item of the catalogue, chunk by chunk in id
    /// order (``catalogBatch(user:items:)``).
    func catalogChunks<Result>(user: UserID, _ transform: (FeatureBatch) -> Result) -> [Result] {
        stride(from: 0, to: itemCount, by: Self.chunkSize).map { start in
            transform(catalogBatch(user: user, items: start..<min(start + Self.chunkSize, itemCount)))
        }
    }

    /// `transform` of `user`'s batches of `items`, chunk by chunk in their order
    /// (``batch(user:items:)``).
    func chunks<Result>(user: UserID, items: [ItemID], _ transform: (FeatureBatch) -> Result) -> [Result] {
        stride(from: 0, to: items.count, by: Self.chunkSize).map { start in
            transform(batch(user: user, items: Array(items[start..<min(start + Self.chunkSize, items.count)])))
        }
    }
}
