import Foundation
import RecData

/// Ranks items by how many meta-train users interacted with them; the same list for everyone.
///
/// With a half-life the count is recency-weighted: an interaction `Δt` before the latest
/// training interaction weighs `2^(−Δt / h)`, so that what is popular now outranks what
/// was popular long ago (news). `h` is given as a share of the training log's time span
/// (latest minus earliest time), so one setting suits clocks in steps or in seconds.
///
/// For rating prediction it uses the item's damped mean rating (a Bayesian average that
/// shrinks items with few ratings toward the global mean, weight `rating_damping`), the
/// rating counterpart of popularity used in e.g. Koren's baseline predictors.
public struct PopularityRecommender: Recommender, Sendable {
    public let name: String
    private let damping: Float
    private let halfLifeShare: Double?
    private var counts: [Float] = []
    private var meanRatings: [Float] = []

    /// Creates the model; `halfLifeShare` switches recency weighting on.
    public init(ratingDamping: Double = 5, halfLifeShare: Double? = nil) {
        self.name = halfLifeShare == nil ? "popularity" : "recent-popularity"
        self.damping = Float(ratingDamping)
        self.halfLifeShare = halfLifeShare
    }

    public mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        let itemCount = training.dataset.itemCount
        var counts = Array(repeating: Float(0), count: itemCount)
        var ratingCounts = Array(repeating: Float(0), count: itemCount)
        var sums = Array(repeating: Float(0), count: itemCount)
        var total: Float = 0
        let weight = recencyWeight(training)
        for interaction in training.interactions {
            counts[interaction.item.index] += weight(interaction.time)
            ratingCounts[interaction.item.index] += 1
            sums[interaction.item.index] += interaction.value
            total += interaction.value
        }
        let observed = ratingCounts.reduce(0, +)
        let globalMean = observed > 0 ? total / observed : training.dataset.feedback.scale.lowerBound
        self.counts = counts
        self.meanRatings = zip(sums, ratingCounts).map { sum, count in
            count + damping > 0 ? (sum + damping * globalMean) / (count + damping) : globalMean
        }
    }

    /// The weight of an interaction at a time: 1 without a half-life.
    private func recencyWeight(_ training: TrainingSet) -> (Int64) -> Float {
        guard let halfLifeShare else { return { _ in 1 } }
        var earliest = Int64.max
        var latest = Int64.min
        for interaction in training.interactions {
            earliest = min(earliest, interaction.time)
            latest = max(latest, interaction.time)
        }
        let halfLife = halfLifeShare * Double(max(latest - earliest, 1))
        return { time in Float(exp2(-Double(latest - time) / halfLife)) }
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

// MARK: - Storage footprint

extension PopularityRecommender: SharedModelFootprint {
    /// The counts and mean ratings, one each per item.
    public var sharedModelBytes: Int? { counts.isEmpty ? nil : ByteCount.of(counts) + ByteCount.of(meanRatings) }
}

extension PopularityScores: UserStateFootprint {
    /// Nothing: every user sees the shared list.
    var userStateBytes: Int { 0 }
}
