import Foundation

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
            details: LoggedFeedback(position: position, purchased: purchased, rating: rating, inDataset: inDataset),
            value: value
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
