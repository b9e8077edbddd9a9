import Foundation

extension FeedbackModel {
    /// The feedback distribution on `item` at utility `utility`, given a solo-choice probability.
    func distribution(item: Int, utility: Double, soloChoice: Double) -> FeedbackDistribution {
        switch self {
        case let .ecommerce(model):
            let purchase = model.purchase.probability(at: utility)
            let ratings = model.ratingProbabilities(utility: utility)
            let expectedRating = ratings.enumerated().reduce(0.0) { $0 + Double($1.offset + 1) * $1.element }
            let datasetProbability: Double
            switch model.signal {
            case .rating: datasetProbability = purchase * model.ratingProbability
            case .purchase: datasetProbability = purchase
            case .click: datasetProbability = 1
            }
            return FeedbackDistribution(
                utility: utility, soloChoice: soloChoice, purchase: purchase, ratingGiven: model.ratingProbability,
                ratings: ratings,
                datasetProbability: datasetProbability, expectedValue: model.signal == .rating ? expectedRating : 1
            )
        case let .video(model):
            let location = model.watchLocation(item: item, utility: utility)
            let expected = Self.logitNormalMean(location: location, spread: model.watch.noise)
            let like = model.like.probability(at: utility)
            return FeedbackDistribution(
                utility: utility, soloChoice: soloChoice, watchLocation: location, watchSpread: model.watch.noise,
                expectedWatchFraction: expected, like: like,
                datasetProbability: model.signal == .like ? like : 1,
                expectedValue: model.signal == .watch ? expected : 1
            )
        case .news:
            return FeedbackDistribution(
                utility: utility, soloChoice: soloChoice, datasetProbability: 1, expectedValue: 1)
        }
    }

    /// E[σ(location + spread·ε)] for standard normal ε, by Simpson's rule over ±8 standard deviations.
    static func logitNormalMean(location: Double, spread: Double) -> Double {
        guard spread > 0 else { return 1 / (1 + exp(-location)) }
        let steps = 400
        let width = 16.0 / Double(steps)
        var total = 0.0
        for step in 0...steps {
            let z = -8 + Double(step) * width
            let weight: Double = step == 0 || step == steps ? 1 : (step % 2 == 1 ? 4 : 2)
            let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
            total += weight * density / (1 + exp(-(location + spread * z)))
        }
        return total * width / 3
    }
}
