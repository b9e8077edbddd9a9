import Foundation
import RecData

/// How many interactions each user logs: a floor plus a heavy-tailed extra amount.
///
/// Real logs are dominated by a few very active users; log-normal and Pareto activity
/// are the usual fits (Clauset, Shalizi & Newman, "Power-law distributions in empirical
/// data", SIAM Review 2009). Every distribution is scaled so that the mean number of
/// interactions is the configured mean; draws are stochastically rounded, which keeps
/// that mean exact.
public enum ActivityDistribution: Hashable, Sendable {
    /// Geometric extra activity: light-tailed, the skeleton's original model.
    case geometric
    /// Log-normal extra activity with log-scale standard deviation `spread` (default 1).
    case lognormal(spread: Double)
    /// Pareto (Lomax) extra activity with tail index `tailIndex` > 1 (default 2.5):
    /// P(extra > x) ∝ (1 + x/λ)^−α.
    case pareto(tailIndex: Double)

    /// The names scenario files use (`world.activity`).
    public static let names = ["geometric", "lognormal", "pareto"]
}

/// The activity model: floor, mean and distribution of interactions per user.
struct ActivityModel: Sendable {
    let mean: Int
    let minimum: Int
    let distribution: ActivityDistribution
    let cap: Int

    /// The most interactions a user aims for in a catalog of `items`: half the catalog,
    /// so that slates never run out of unseen items.
    static func cap(items: Int) -> Int { max(1, items / 2) }

    /// The number of interactions one user aims to log.
    func draw(random: inout RandomSource) -> Int {
        let extraMean = Double(max(mean - minimum, 0))
        guard extraMean > 0 else { return min(minimum, cap) }
        let extra: Double
        switch distribution {
        case .geometric:
            let p = 1 / (extraMean + 1)
            extra = (log(1 - random.nextUnit()) / log(1 - p)).rounded(.down)
            return min(minimum + Int(extra), cap)
        case let .lognormal(spread):
            let mu = log(extraMean) - spread * spread / 2
            extra = exp(mu + spread * random.nextGaussian())
        case let .pareto(alpha):
            let scale = extraMean * (alpha - 1)
            extra = scale * (pow(1 - random.nextUnit(), -1 / alpha) - 1)
        }
        let rounded = (extra + random.nextUnit()).rounded(.down)
        return min(minimum + Int(min(rounded, Double(cap))), cap)
    }
}
