import RecData
import Simulation

/// The scale calibration compares feedback values on, for a family and a dataset's
/// feedback.
///
/// - `stars`: e-commerce ratings, 1–5. A real rating on `minimum...maximum` maps
///   linearly onto 1–5 and is rounded (a 0.5–5 scale's half stars round to the nearer
///   star), so any rated dataset can calibrate the five ordinal thresholds.
/// - `fraction`: video watch fractions, 0–1. A real rating maps linearly onto 0–1, as a
///   stand-in for how much of the item the user liked.
/// - `none`: implicit feedback, or a news world (which logs clicks only).
public enum FeedbackScale: Hashable, Sendable {
    /// Ratings mapped to whole stars 1…5.
    case stars
    /// Values mapped to `0...1`.
    case fraction
    /// No values.
    case none

    /// The scale for a `family` world fitted to data with `feedback`.
    public init(family: WorldFamily, feedback: Feedback) {
        guard feedback.hasRatings else {
            self = .none
            return
        }
        switch family {
        case .ecommerce: self = .stars
        case .video: self = .fraction
        case .news: self = .none
        }
    }

    /// The interactions' values of `dataset` on this scale.
    public func values(of dataset: Dataset) -> [Double] {
        let range = dataset.feedback.scale
        let width = Double(range.upperBound - range.lowerBound)
        let unit = { (value: Float) -> Double in width > 0 ? (Double(value - range.lowerBound)) / width : 1 }
        switch self {
        case .stars: return dataset.interactions.map { min(5, max(1, (1 + 4 * unit($0.value)).rounded())) }
        case .fraction: return dataset.interactions.map { min(1, max(0, unit($0.value))) }
        case .none: return []
        }
    }
}
