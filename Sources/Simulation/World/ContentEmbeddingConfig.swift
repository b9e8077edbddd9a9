/// An optional dense content embedding per item: what a large pretrained language or
/// vision model would produce from the item's text or pictures.
///
/// It is a noisy random projection of the item's hidden vector: a share
/// ``informativeness`` of its variance comes from the hidden vector, the rest is noise,
/// so the knob decides how much a content-based model can learn from it.
public struct ContentEmbeddingConfig: Hashable, Sendable {
    /// Number of embedding components (`content_embedding.dimension`, default 32).
    public var dimension: Int = 32
    /// Share of the embedding's variance explained by the hidden item vector, in
    /// `[0, 1]` (`content_embedding.informativeness`, default 0.5).
    public var informativeness: Double = 0.5

    /// Creates the default embedding settings.
    public init() {}

    /// Creates embedding settings.
    public init(dimension: Int, informativeness: Double) {
        self.dimension = dimension
        self.informativeness = informativeness
    }
}
