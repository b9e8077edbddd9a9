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

/// The e-commerce feedback model.
struct EcommerceFeedback: Sendable {
    let purchase: LogisticResponse
    let ratingProbability: Double
    let ratingNoise: Double
    let thresholds: [Double]
    let signal: EcommerceSignal

    init(config: EcommerceWorldConfig) {
        purchase = config.purchase
        ratingProbability = config.ratingProbability
        ratingNoise = config.ratingNoise
        thresholds = config.ratingThresholds
        signal = config.signal
    }

    /// The rating that noisy utility `value` falls into.
    func rating(for value: Double) -> Int {
        1 + thresholds.reduce(0) { $0 + (value >= $1 ? 1 : 0) }
    }

    func sample(utility: Float, position: Int, random: inout LocalRandom) -> FeedbackModel.Outcome {
        let u = Double(utility)
        let purchased = random.nextUnit() < purchase.probability(at: u)
        var rating: Int?
        if purchased, random.nextUnit() < ratingProbability {
            rating = self.rating(for: u + ratingNoise * random.nextGaussian())
        }
        let inDataset: Bool
        switch signal {
        case .rating: inDataset = rating != nil
        case .purchase: inDataset = purchased
        case .click: inDataset = true
        }
        let value: Float = signal == .rating ? Float(rating ?? 0) : 1
        return FeedbackModel.Outcome(
            details: LoggedFeedback(position: position, purchased: purchased, rating: rating, inDataset: inDataset), value: value
        )
    }

    /// The probabilities of ratings 1…5 given a purchase at utility `utility`.
    func ratingProbabilities(utility: Double) -> [Double] {
        let cumulative = thresholds.map { threshold -> Double in
            ratingNoise > 0 ? Self.normalCDF((threshold - utility) / ratingNoise) : (utility < threshold ? 1 : 0)
        }
        var probabilities = [Double]()
        var previous = 0.0
        for value in cumulative + [1] {
            probabilities.append(max(0, value - previous))
            previous = value
        }
        return probabilities
    }

    /// Φ, the standard normal distribution function.
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
}

/// The video feedback model.
struct VideoFeedback: Sendable {
    let watch: WatchConfig
    let like: LogisticResponse
    let signal: VideoSignal
    /// Per-item duration shift of the watch log-odds.
    let offsets: [Float]

    func sample(item: Int, utility: Float, position: Int, random: inout LocalRandom) -> FeedbackModel.Outcome {
        let u = Double(utility)
        let logOdds = watchLocation(item: item, utility: u) + watch.noise * random.nextGaussian()
        let fraction = Float(1 / (1 + exp(-logOdds)))
        let liked = random.nextUnit() < like.probability(at: u)
        let inDataset = signal == .like ? liked : true
        return FeedbackModel.Outcome(
            details: LoggedFeedback(position: position, liked: liked, watchFraction: fraction, inDataset: inDataset),
            value: signal == .watch ? fraction : 1
        )
    }

    /// The mean of the watch log-odds for `item` at `utility`.
    func watchLocation(item: Int, utility: Double) -> Double {
        watch.intercept + watch.slope * utility + Double(offsets[item])
    }
}
