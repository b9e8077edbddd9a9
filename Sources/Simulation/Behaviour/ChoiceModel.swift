import Foundation

/// The users' choice among a slate: a multinomial logit with a no-choice option and
/// position bias (McFadden, "Conditional logit analysis of qualitative choice
/// behavior", 1973; position-based examination after Joachims et al., WSDM 2017).
///
/// The item at zero-based position k with utility u has weight `exp(u/τ)·(k+1)^−η`;
/// no choice has weight `exp(u₀/τ)`; the user picks one with probability proportional
/// to its weight.
struct ChoiceModel: Sendable {
    let inverseTemperature: Float
    let noChoiceWeight: Float
    /// `(k + 1)^−η` for every position of a slate.
    let positionWeights: [Float]

    init(config: CommonWorldConfig) {
        inverseTemperature = Float(1 / config.choiceTemperature)
        noChoiceWeight = Float(exp(config.noChoiceUtility / config.choiceTemperature))
        positionWeights = (0..<max(config.slateSize, 1)).map { Float(pow(Double($0 + 1), -config.positionBias)) }
    }

    /// The weight of an item of utility `utility` at `position`.
    @inline(__always)
    func weight(utility: Float, position: Int) -> Float {
        FastMath.exponential(utility * inverseTemperature) * positionWeights[position]
    }

    /// Choice probabilities for a slate with these utilities (in position order), and
    /// the probability of choosing nothing.
    func probabilities(utilities: [Double]) -> (items: [Double], none: Double) {
        let weights = utilities.enumerated().map {
            Double(weight(utility: Float($0.element), position: min($0.offset, positionWeights.count - 1)))
        }
        let total = weights.reduce(Double(noChoiceWeight), +)
        return (weights.map { $0 / total }, Double(noChoiceWeight) / total)
    }
}
