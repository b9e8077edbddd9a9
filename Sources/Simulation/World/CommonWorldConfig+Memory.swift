extension CommonWorldConfig {
    /// Bytes kept per logged event: the 24-byte interaction, 4 bytes of feedback
    /// details and 4 bytes of per-user index.
    static let bytesPerEvent = 32.0

    /// An estimate of a world's memory in bytes: the logged events (with head-room for
    /// events outside the dataset, `loggedPerStored` per dataset interaction, and for
    /// sorting), the hidden vectors, the feature tables and the drift state.
    func estimatedBytes(loggedPerStored: Double, itemFeatureBytes: Double, groups: Int) -> Double {
        let users = Double(self.users)
        let items = Double(self.items)
        let events = users * Double(max(interactionsPerUser, minimumInteractions)) * 1.2 * loggedPerStored
        let eventBytes = events * (Self.bytesPerEvent + 24)
        let vectors = (users + items) * Double(latentDimension) * 4
        let embedding = items * Double(contentEmbedding?.dimension ?? 0) * 4
        let tables = users * 24 + items * (itemFeatureBytes + 48) + items * 16 * 8
        let drift = Double(groups) * days * 24 * 8
        return eventBytes + vectors + embedding + tables + drift
    }
}
