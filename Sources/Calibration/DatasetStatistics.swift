import Foundation
import RecData
import Simulation

/// The statistics calibration matches, measured the same way on a real dataset and on
/// a simulated world's dataset.
public struct DatasetStatistics: Sendable {
    /// Number of users (rows of the user table).
    public let users: Int
    /// Number of items (rows of the item table).
    public let items: Int
    /// Number of interactions.
    public let interactions: Int
    /// Interactions of each user.
    public let activity: [Double]
    /// Interactions of each item.
    public let popularity: [Double]
    /// The feedback values on the calibration scale (see ``FeedbackScale``); empty for
    /// implicit feedback.
    public let feedbackValues: [Double]
    /// Days between the first and the last interaction, when the times are Unix seconds
    /// (after 1973) or a simulated clock; `nil` otherwise.
    public let days: Double?
    /// The cross-validated feature predictability (``FeaturePredictability``), `nil`
    /// without usable user features.
    public let featurePredictability: Double?

    /// Measures `dataset`, mapping its feedback values by `scale`; `clockSeconds` says
    /// the times are seconds of a simulated clock (a world's), whatever their size.
    public init(_ dataset: Dataset, scale: FeedbackScale, clockSeconds: Bool = false) {
        users = dataset.userCount
        items = dataset.itemCount
        interactions = dataset.interactions.count
        var perUser = [Double](repeating: 0, count: dataset.userCount)
        var perItem = [Double](repeating: 0, count: dataset.itemCount)
        for interaction in dataset.interactions {
            perUser[interaction.user.index] += 1
            perItem[interaction.item.index] += 1
        }
        activity = perUser
        popularity = perItem
        feedbackValues = scale.values(of: dataset)
        if let first = dataset.interactions.first?.time, let last = dataset.interactions.last?.time,
            clockSeconds || first > Self.unixSecondsFloor
        {
            days = Double(last - first) / 86_400
        } else {
            days = nil
        }
        featurePredictability = FeaturePredictability.share(of: dataset)
    }

    /// Times above this (1973-03-03 in Unix seconds) are taken for Unix seconds.
    static let unixSecondsFloor: Int64 = 100_000_000

    // MARK: - Derived figures

    /// Mean interactions per user.
    public var activityMean: Double { activity.reduce(0, +) / Double(max(users, 1)) }
    /// Fewest interactions of any user.
    public var activityMinimum: Double { activity.min() ?? 0 }
    /// Gini coefficient of interactions per user.
    public var activityGini: Double { SummaryStatistics.gini(activity) }
    /// Gini coefficient of interactions per item.
    public var popularityGini: Double { SummaryStatistics.gini(popularity) }
    /// Rank-frequency exponent of interactions per item, fitted as the world summary fits
    /// it (`SummaryStatistics/powerLawExponent(counts:ranks:)` over
    /// `SummaryStatistics/popularityFitRanks(items:)`).
    public var popularityExponent: Double {
        SummaryStatistics.powerLawExponent(
            counts: popularity, ranks: SummaryStatistics.popularityFitRanks(items: items))
    }
    /// Mean feedback value, `nil` for implicit feedback.
    public var feedbackMean: Double? {
        feedbackValues.isEmpty ? nil : feedbackValues.reduce(0, +) / Double(feedbackValues.count)
    }
    /// Share of interactions with each rating 1…5 (for the 1–5 scale), in rating order.
    public var ratingShares: [Double] {
        var counts = [Double](repeating: 0, count: 5)
        for value in feedbackValues where value >= 1 && value <= 5 { counts[Int(value) - 1] += 1 }
        let total = counts.reduce(0, +)
        return counts.map { total > 0 ? $0 / total : 0 }
    }
}
