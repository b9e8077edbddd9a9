import Foundation

/// Which logged signal an e-commerce world's dataset holds (`world.dataset_signal`).
public enum EcommerceSignal: String, CaseIterable, Hashable, Sendable {
    /// Rated purchases, valued by their 1–5 rating (default).
    case rating
    /// Purchases, as implicit feedback.
    case purchase
    /// Clicks, as implicit feedback.
    case click
}

/// Which logged signal a video world's dataset holds (`world.dataset_signal`).
public enum VideoSignal: String, CaseIterable, Hashable, Sendable {
    /// Every watch, valued by the fraction watched in `0...1` (default).
    case watch
    /// Liked videos, as implicit feedback.
    case like
    /// Every watch, as implicit feedback.
    case view
}

/// A probability that rises with utility: `σ(intercept + slope · utility)`.
public struct LogisticResponse: Hashable, Sendable {
    /// The log-odds at zero utility.
    public var intercept: Double
    /// Log-odds gained per unit of utility.
    public var slope: Double

    /// Creates a response curve.
    public init(intercept: Double, slope: Double) {
        self.intercept = intercept
        self.slope = slope
    }

    /// The probability at `utility`.
    public func probability(at utility: Double) -> Double {
        1 / (1 + exp(-(intercept + slope * utility)))
    }
}
