/// Whether a model's difference from the reference holds across seeds.
///
/// A ranking is only called a win (or a loss) when it holds in every seed: the model is
/// better (worse) than the reference in each seed's mean, and each seed's paired test is
/// significant after correction. Anything else is `inconclusive`.
public enum SeedVerdict: String, Hashable, Sendable, Codable {
    /// Better than the reference, significantly, in every seed.
    case win
    /// Worse than the reference, significantly, in every seed.
    case loss
    /// Neither holds in every seed.
    case inconclusive

    /// The verdict from each seed's mean difference (model − reference) and adjusted p-value.
    ///
    /// - Parameters:
    ///   - perSeed: one entry per seed.
    ///   - higherIsBetter: the metric's direction.
    ///   - alpha: the significance level the adjusted p-values are held to.
    public init(perSeed: [(meanDifference: Double, adjustedP: Double)], higherIsBetter: Bool, alpha: Double = 0.05) {
        guard !perSeed.isEmpty, perSeed.allSatisfy({ $0.adjustedP <= alpha }) else {
            self = .inconclusive
            return
        }
        let signs = perSeed.map { higherIsBetter ? $0.meanDifference : -$0.meanDifference }
        if signs.allSatisfy({ $0 > 0 }) {
            self = .win
        } else if signs.allSatisfy({ $0 < 0 }) {
            self = .loss
        } else {
            self = .inconclusive
        }
    }
}
