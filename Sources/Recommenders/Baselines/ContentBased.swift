import Foundation
import Learning
import RecData

/// Content-based recommendation (Pazzani & Billsus, "Content-based recommendation
/// systems", The Adaptive Web 2007; Lops, de Gemmis & Semeraro, Recommender Systems
/// Handbook 2011): a user profile in the space of item features, items scored by cosine
/// similarity to it.
///
/// Items are vectors of their features and content embeddings (`ItemFeatureVectors`).
/// The profile is the weighted sum of the support items' vectors, weight 1 for implicit
/// feedback and `r − midpoint of the scale` for ratings (liked items pull, disliked items
/// push, a middling rating is neutral). Full-catalog scores are one BLAS product.
///
/// Items with equal content get equal similarity, so a small popularity term,
/// `tie_break · log(1 + count) / log(1 + max count)`, orders them. With an empty (or
/// all-neutral) support set the similarity is zero for every item and the ranking is that
/// popularity term alone: popularity is the documented K = 0 fallback.
public struct ContentBased: Recommender, Sendable {
    public let name = "content-based"
    /// Weight of the popularity term.
    public let tieBreak: Float
    private var model: Model?

    private struct Model: Sendable {
        let vectors: ItemFeatureVectors
        let norms: [Float]
        let popularity: [Float]
        let neutral: Float
        let ratings: Bool
    }

    /// Creates the model.
    public init(tieBreak: Double = 0.01) {
        self.tieBreak = Float(tieBreak)
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let dataset = training.dataset
        let vectors = ItemFeatureVectors(dataset.items)
        let width = vectors.width
        let norms = (0..<dataset.itemCount).map { item in
            (0..<width).reduce(Float(0)) { $0 + vectors.matrix[item, $1] * vectors.matrix[item, $1] }.squareRoot()
        }
        var counts = Array(repeating: 0.0, count: dataset.itemCount)
        for interaction in training.interactions { counts[interaction.item.index] += 1 }
        let scale = log1p(counts.max() ?? 0)
        let popularity = counts.map { scale > 0 ? Float(log1p($0) / scale) : 0 }
        let bounds = dataset.feedback.scale
        model = Model(
            vectors: vectors, norms: norms, popularity: popularity,
            neutral: (bounds.lowerBound + bounds.upperBound) / 2, ratings: dataset.feedback.hasRatings
        )
    }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        guard let model else { throw BaselineError.notFitted(model: name) }
        let neutral = model.neutral
        let ratings = model.ratings
        let weight: @Sendable (Float) -> Float = { value in ratings ? value - neutral : 1 }
        var profile = ContentProfile(
            vectors: model.vectors, norms: model.norms, popularity: model.popularity.map { $0 * tieBreak },
            weight: weight
        )
        try profile.observe(support)
        return profile
    }
}

/// One user's content profile and the catalog's similarity to it.
struct ContentProfile: Personalized {
    let vectors: ItemFeatureVectors
    let norms: [Float]
    let popularity: [Float]
    let weight: @Sendable (Float) -> Float
    private(set) var profile: [Float]
    private var catalogScores: [Float]

    init(vectors: ItemFeatureVectors, norms: [Float], popularity: [Float], weight: @escaping @Sendable (Float) -> Float)
    {
        self.vectors = vectors
        self.norms = norms
        self.popularity = popularity
        self.weight = weight
        self.profile = Array(repeating: 0, count: vectors.width)
        self.catalogScores = popularity
    }

    func scores(for candidates: [ItemID]) -> [Float] {
        candidates.map { catalogScores[$0.index] }
    }

    func predictedRatings(for items: [ItemID]) -> [Float]? { nil }

    /// Adds the new items to the profile and rescores the catalog.
    mutating func observe(_ feedback: [Interaction]) throws {
        guard !feedback.isEmpty else { return }
        for interaction in feedback {
            let w = weight(interaction.value)
            for (d, value) in vectors.vector(interaction.item).enumerated() { profile[d] += w * value }
        }
        let length = profile.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 0, vectors.width > 0 else {
            catalogScores = popularity
            return
        }
        let dots = Matrix.product(vectors.matrix, Matrix(rows: vectors.width, columns: 1, storage: profile))
        catalogScores = (0..<norms.count).map { item in
            let similarity = norms[item] > 0 ? dots.storage[item] / (norms[item] * length) : 0
            return similarity + popularity[item]
        }
    }
}

// MARK: - Storage footprint

extension ContentBased: SharedModelFootprint {
    /// The item-feature matrix, its norms and the popularity tie-break.
    public var sharedModelBytes: Int? {
        model.map { ByteCount.of($0.vectors.matrix.storage) + ByteCount.of($0.norms) + ByteCount.of($0.popularity) }
    }
}

extension ContentProfile: UserStateFootprint {
    /// The user's profile and their cached scores of the catalog.
    var userStateBytes: Int { ByteCount.of(profile) + ByteCount.of(catalogScores) }
}
