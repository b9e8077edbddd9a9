import MetaRecSim

/// Popular items in the categories a user has shown interest in.
///
/// Fit counts how often each item was chosen by the meta-train users. Adapt counts the
/// categories of the user's support items (weighted by their feedback value); items are
/// then ranked by the user's share of interest in their category, ties broken by
/// popularity. With no support (K = 0) it is plain popularity.
struct CategoryAffinity: Recommender {
    let name = "category-affinity"
    /// How much a full share of interest in a category outweighs popularity.
    let affinityWeight: Float
    private var popularity: [Float] = []
    private var categories: [Int32] = []
    private var categoryCount = 0

    /// The registry entry, with one hyper-parameter.
    static let descriptor = ModelDescriptor(
        name: "category-affinity",
        summary: "Popular items in the categories of the user's support set.",
        parameters: [
            ParameterSpec(
                name: "affinity_weight", kind: .double(0...100), defaultValue: .double(1),
                summary: "Weight of the category share against (normalized) popularity."
            ),
        ]
    ) { parameters, _ in
        CategoryAffinity(affinityWeight: Float(parameters.double("affinity_weight") ?? 1))
    }

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        var counts = Array(repeating: Float(0), count: training.dataset.itemCount)
        for interaction in training.interactions {
            counts[interaction.item.index] += 1
        }
        let most = max(counts.max() ?? 1, 1)
        popularity = counts.map { $0 / most }
        guard case let .categorical(codes, cardinality)? = training.dataset.items.column(named: "category") else {
            throw CategoryAffinityError.noCategories
        }
        categories = codes
        categoryCount = cardinality
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        var interest = Array(repeating: Float(0), count: categoryCount)
        for interaction in support {
            interest[Int(categories[interaction.item.index])] += interaction.value
        }
        let total = interest.reduce(0, +)
        let shares = total > 0 ? interest.map { $0 / total } : interest
        return AffinityScores(
            scores: popularity.indices.map { popularity[$0] + affinityWeight * shares[Int(categories[$0])] }
        )
    }
}

/// One user's scores: the same for every candidate list.
struct AffinityScores: Personalized {
    let scores: [Float]

    func scores(for candidates: [ItemID]) -> [Float] {
        candidates.map { scores[$0.index] }
    }

    func predictedRatings(for items: [ItemID]) -> [Float]? { nil }

    mutating func observe(_ feedback: [Interaction]) throws {}
}

/// Why the model cannot run on a dataset.
enum CategoryAffinityError: Error, CustomStringConvertible {
    /// The items have no categorical feature named `category`.
    case noCategories

    var description: String { "category-affinity needs a categorical item feature named 'category'" }
}
