import Foundation
import RecData

/// What a user does after choosing an item, per family.
///
/// - E-commerce: the choice is a click; it becomes a purchase with probability
///   `σ(a + b·u)`; a purchase is rated with probability `rating_probability`, the
///   rating cutting `u + ε` (ε ~ Normal(0, rating_noise²)) at the ordinal thresholds.
/// - Video: the choice is a watch; the fraction watched is logit-normal (see
///   ``WatchConfig``) and a like follows with probability `σ(c + d·u)`.
/// - News: the choice is a click.
enum FeedbackModel: Sendable {
    case ecommerce(EcommerceFeedback)
    case video(VideoFeedback)
    case news

    /// The outcome of one choice.
    struct Outcome {
        var details: LoggedFeedback
        /// The dataset value (rating, watch fraction or 1).
        var value: Float
    }

    /// Samples the feedback on `item` of utility `utility` chosen at `position`.
    @inline(__always)
    func sample(item: Int, utility: Float, position: Int, random: inout LocalRandom) -> Outcome {
        switch self {
        case let .ecommerce(model): return model.sample(utility: utility, position: position, random: &random)
        case let .video(model): return model.sample(item: item, utility: utility, position: position, random: &random)
        case .news: return Outcome(details: LoggedFeedback(position: position, inDataset: true), value: 1)
        }
    }

    /// What the dataset's values mean.
    var datasetFeedback: Feedback {
        switch self {
        case let .ecommerce(model): return model.signal == .rating ? .rating(minimum: 1, maximum: 5) : .implicit
        case let .video(model): return model.signal == .watch ? .rating(minimum: 0, maximum: 1) : .implicit
        case .news: return .implicit
        }
    }
}
