/// Whether a model's difference from the reference holds, pooled over seeds.
///
/// A ranking is called a win (or a loss) when the seeds' pooled test
/// (``PooledComparison``: a stratified signed-rank test over users within seeds) is
/// significant after correction and both the test statistic and the pooled effect point
/// the same way. Anything else is `inconclusive`.
public enum SeedVerdict: String, Hashable, Sendable, Codable {
    /// Significantly better than the reference, pooled over seeds.
    case win
    /// Significantly worse than the reference, pooled over seeds.
    case loss
    /// Neither.
    case inconclusive

    /// The verdict from a pooled comparison and its adjusted p-value.
    ///
    /// - Parameters:
    ///   - pooled: the seeds' pooled comparison (model − reference).
    ///   - adjustedP: its p-value after the family's correction.
    ///   - higherIsBetter: the metric's direction.
    ///   - alpha: the significance level the adjusted p-value is held to.
    public init(pooled: PooledComparison, adjustedP: Double, higherIsBetter: Bool, alpha: Double = 0.05) {
        guard pooled.pairs > 0, adjustedP <= alpha else {
            self = .inconclusive
            return
        }
        let direction = higherIsBetter ? 1.0 : -1.0
        let z = direction * pooled.z
        let effect = direction * pooled.effect
        if z > 0, effect > 0 {
            self = .win
        } else if z < 0, effect < 0 {
            self = .loss
        } else {
            self = .inconclusive
        }
    }
}
