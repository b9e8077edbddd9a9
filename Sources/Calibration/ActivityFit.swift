import RecData
import Simulation

/// The activity model fitted to a dataset's interactions per user.
///
/// The floor is the dataset's fewest interactions of a user (at least 1) and the mean
/// its mean, rounded. The distribution above the floor is chosen by minimum-distance
/// estimation (Wolfowitz, Ann. Math. Statist. 1957): every family (geometric,
/// log-normal, Pareto) and, on a grid, every spread is sampled as the simulator samples
/// it (`ActivityDistribution/sampleTargets(mean:minimum:items:count:random:)`, the
/// same seeded draws for every candidate) and the one whose sample is closest to the
/// data in the Kolmogorov–Smirnov distance wins. A coarse grid (log-normal spread 0.1
/// to 3 by 0.1, Pareto tail index 1.1 to 6 by 0.1) is refined by steps of 0.01 around
/// the best point.
public struct ActivityFit: Hashable, Sendable {
    /// The fitted distribution above the floor.
    public let distribution: ActivityDistribution
    /// The fitted mean interactions per user.
    public let mean: Int
    /// The fitted floor.
    public let minimum: Int
    /// The Kolmogorov–Smirnov distance of the best candidate's sample from the data.
    public let distance: Double

    /// Fits the model to `activity` (interactions per user) for a catalog of `items`.
    public init(activity: [Double], items: Int, random: RandomSource) {
        let minimum = max(1, Int(activity.min() ?? 1))
        let average = activity.reduce(0, +) / Double(max(activity.count, 1))
        let mean = max(minimum, Int(average.rounded()))
        let draws = max(activity.count, 2_000)
        func distance(_ candidate: ActivityDistribution) -> Double {
            let sample = candidate.sampleTargets(
                mean: mean, minimum: minimum, items: items, count: draws, random: random)
            return KolmogorovSmirnov.statistic(activity, sample.map(Double.init))
        }
        func best(_ candidates: [ActivityDistribution]) -> (ActivityDistribution, Double) {
            var winner = (candidates[0], distance(candidates[0]))
            for candidate in candidates.dropFirst() {
                let gap = distance(candidate)
                if gap < winner.1 { winner = (candidate, gap) }
            }
            return winner
        }
        let coarse = best(
            [.geometric] + stride(from: 0.1, through: 3.0001, by: 0.1).map { .lognormal(spread: $0) }
                + stride(from: 1.1, through: 6.0001, by: 0.1).map { .pareto(tailIndex: $0) }
        )
        let fine: (ActivityDistribution, Double)
        switch coarse.0 {
        case .geometric: fine = coarse
        case let .lognormal(spread):
            fine = best(
                stride(from: max(0.01, spread - 0.1), through: spread + 0.1, by: 0.01).map { .lognormal(spread: $0) })
        case let .pareto(tail):
            fine = best(
                stride(from: max(1.05, tail - 0.1), through: tail + 0.1, by: 0.01).map { .pareto(tailIndex: $0) })
        }
        let chosen = fine.1 <= coarse.1 ? fine : coarse
        distribution = chosen.0
        self.mean = mean
        self.minimum = minimum
        self.distance = chosen.1
    }
}
