import RecData

/// Ranks items by how many meta-train users interacted with them; the same list for everyone.
///
/// For rating prediction it uses the item's damped mean rating (a Bayesian average that
/// shrinks items with few ratings toward the global mean, weight `rating_damping`), the
/// rating counterpart of popularity used in e.g. Koren's baseline predictors.
public struct PopularityRecommender: Recommender {
    public let name = "popularity"
    private let damping: Float
    private var counts: [Float] = []
    private var meanRatings: [Float] = []

    /// The registry entry.
    public static let descriptor = ModelDescriptor(
        name: "popularity",
        summary: "Most interacted-with items first; damped item mean for ratings.",
        parameters: [
            ParameterSpec(
                name: "rating_damping", kind: .double(0...1_000), defaultValue: .double(5),
                summary: "Pseudo-count pulling an item's mean rating toward the global mean."
            ),
        ]
    ) { parameters, _ in PopularityRecommender(ratingDamping: parameters.double("rating_damping") ?? 5) }

    /// Creates the model.
    public init(ratingDamping: Double = 5) {
        self.damping = Float(ratingDamping)
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let itemCount = training.dataset.itemCount
        var counts = Array(repeating: Float(0), count: itemCount)
        var sums = Array(repeating: Float(0), count: itemCount)
        var total: Float = 0
        for interaction in training.interactions {
            counts[interaction.item.index] += 1
            sums[interaction.item.index] += interaction.value
            total += interaction.value
        }
        let observed = counts.reduce(0, +)
        let globalMean = observed > 0 ? total / observed : training.dataset.feedback.scale.lowerBound
        self.counts = counts
        self.meanRatings = zip(sums, counts).map { sum, count in
            count + damping > 0 ? (sum + damping * globalMean) / (count + damping) : globalMean
        }
    }

    public func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        PopularityScores(counts: counts, meanRatings: meanRatings)
    }
}

/// The shared popularity list, as seen by one user.
struct PopularityScores: Personalized {
    let counts: [Float]
    let meanRatings: [Float]

    func scores(for candidates: [ItemID]) -> [Float] {
        candidates.map { counts[$0.index] }
    }

    func predictedRatings(for items: [ItemID]) -> [Float]? {
        items.map { meanRatings[$0.index] }
    }

    mutating func observe(_ feedback: [Interaction]) throws {}
}
