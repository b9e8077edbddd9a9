import RecData
import Recommenders

/// The transfer protocol: how well does a model meta-trained on the users of one
/// population serve new users of a shifted one?
///
/// The stated weak spot of meta-learning is test tasks unlike the training tasks. Here the
/// model fits on the meta-train users of the world's own population (``source``, split and
/// tasks exactly as the cold-start protocol makes them), then adapts, K interactions at a
/// time, to two groups of unseen users: the **in-population** test users of that world, and
/// the test users of the **shifted** population (``shifted``): the same world — catalog,
/// archetypes, demographic effects — with other population settings (archetype mix,
/// feature share, activity, …) and fresh individuals. With no setting changed the shifted
/// users are a fresh sample of the same population, and the gap is noise.
///
/// Rows, under protocol ``name``, for every K and per-user metric: segment
/// ``inPopulationSegment`` and ``shiftedSegment`` (means over users with their bootstrap
/// intervals and per-user values), and segment ``gapSegment``: the **transfer gap**, how
/// much worse the shifted users are served in the metric's units (in-population minus
/// shifted for a metric where higher is better, the reverse otherwise; positive is worse),
/// with the two-sample percentile bootstrap interval (the two groups are different users,
/// resampled independently). A gap whose interval excludes 0 is significant at 5 %.
public struct TransferProtocol: Sendable {
    /// The protocol's name in results.
    public static let name = "transfer"
    /// The segment of the in-population users' figures.
    public static let inPopulationSegment = "in-population"
    /// The segment of the shifted users' figures.
    public static let shiftedSegment = "shifted"
    /// The segment of the transfer gap.
    public static let gapSegment = "gap"

    /// The world's own population: the meta-train users the model fits on and the
    /// in-population test users.
    public let source: ColdStartProtocol
    /// The shifted population: its test users are evaluated.
    public let shifted: ColdStartProtocol

    /// Creates the protocol from the cold-start protocol on the world's own users and the
    /// one on the shifted population's users, made with the same settings.
    public init(source: ColdStartProtocol, shifted: ColdStartProtocol) {
        self.source = source
        self.shifted = shifted
    }

    /// Fits `model` on the source population's meta-train users (``ColdStartProtocol/fit(_:random:)``
    /// with `random`), then measures every per-user metric of `metrics` at every K on both
    /// populations' test users, and the gap; intervals draw from `random`'s stream `transfer`.
    ///
    /// `fitted`, when given, is `model` already fitted by ``source``'s fit with the same
    /// `random` — or by a cold-start protocol that ``ColdStartProtocol/fitsLike(_:)`` it,
    /// on the same world — and is used instead of fitting again: the figures are the same.
    /// - Throws: the model's errors, ``EvaluationError`` when either population has no
    ///   user to evaluate or scores are the wrong count.
    public func run(
        _ model: any Recommender, metrics: [Metric], random cellRandom: RandomSource,
        fitted given: ColdStartProtocol.Fit? = nil
    ) throws -> [Measurement] {
        let random = cellRandom.stream("transfer")
        for (population, protocolRun) in [("in-population", source), ("shifted", shifted)]
        where protocolRun.evaluatedUsers.isEmpty {
            let config = protocolRun.config
            throw EvaluationError.noEvaluatedUsers(
                protocolName: Self.name,
                reason:
                    "none of the \(population) test users has the \((config.shots.max() ?? 0) + config.minimumQuery) interactions the largest K plus min_query need"
            )
        }
        let fitted = try (given ?? source.fit(model, random: cellRandom)).model
        let measured = metrics.filter(\.isPerUser)
        let resamples = source.config.bootstrapResamples
        var measurements = [Measurement]()
        for shots in source.config.shots {
            let inside = try source.outcomes(of: fitted, shots: shots, metrics: measured, seen: source.training)
            let outside = try shifted.outcomes(of: fitted, shots: shots, metrics: measured, seen: source.training)
            for metric in measured {
                let stream = random.stream("transfer/\(shots)/\(metric)")
                let groups = [(Self.inPopulationSegment, inside), (Self.shiftedSegment, outside)].map {
                    segment, outcomes in
                    (
                        segment,
                        outcomes.compactMap { outcome in
                            outcome.values[metric].map { UserValue(user: outcome.user, value: $0) }
                        }
                    )
                }
                for (segment, values) in groups {
                    if let measurement = Measurement.averaging(
                        values, metric: metric, protocolName: Self.name, segment: segment, shots: shots, window: nil,
                        resamples: resamples, random: stream.stream(segment)
                    ) {
                        measurements.append(measurement)
                    }
                }
                if let gap = Self.gap(
                    metric, inside: groups[0].1, outside: groups[1].1, shots: shots, resamples: resamples,
                    random: stream.stream(Self.gapSegment))
                {
                    measurements.append(gap)
                }
            }
        }
        return measurements
    }

    /// The transfer gap of `metric`: positive when the shifted users are served worse,
    /// with its two-sample bootstrap interval and n = both groups' users; `nil` when either
    /// group has no value.
    static func gap(
        _ metric: Metric, inside: [UserValue], outside: [UserValue], shots: Int, resamples: Int, random: RandomSource
    ) -> Measurement? {
        guard !inside.isEmpty, !outside.isEmpty else { return nil }
        let (minuend, subtrahend) = metric.higherIsBetter ? (inside, outside) : (outside, inside)
        let first = minuend.map(\.value)
        let second = subtrahend.map(\.value)
        let value = first.reduce(0, +) / Double(first.count) - second.reduce(0, +) / Double(second.count)
        let interval = Bootstrap.differenceInterval(of: first, minus: second, resamples: resamples, random: random)
        return Measurement(
            protocolName: name, segment: gapSegment, shots: shots, window: nil, metric: metric,
            value: value, ciLow: interval.low, ciHigh: interval.high, perUser: [], n: inside.count + outside.count
        )
    }
}
