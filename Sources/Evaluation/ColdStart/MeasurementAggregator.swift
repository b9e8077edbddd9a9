import RecData

/// Turns the users' outcomes at one support size into measurements: for every protocol
/// variant (full catalog, then each sampled ranking), every segment and every metric.
///
/// Per-user metrics are averaged over the segment's users that have a value (ranking
/// accuracy needs at least one relevant query item) with a seeded percentile bootstrap
/// interval. List-level metrics are computed once over the segment's top lists, with a
/// jackknife interval (see ``Jackknife`` for why not the bootstrap) and n = its users.
struct MeasurementAggregator: Sendable {
    /// The protocol name of the full-catalog rows (a partition's, or `cold-start`).
    let protocolName: String
    let segments: UserSegments
    let catalogSize: Int
    let resamples: Int
    let random: RandomSource

    func measurements(shots: Int, outcomes: [UserOutcome], metrics: [Metric], sampled: [SampledRanking])
        -> [Measurement]
    {
        var measurements = [Measurement]()
        for (segment, users) in segments.segments {
            let members = outcomes.filter { users.contains($0.user) }
            guard !members.isEmpty else { continue }
            for metric in metrics {
                let measurement =
                    metric.isPerUser
                    ? perUser(
                        metric, protocolName: protocolName, segment: segment, shots: shots,
                        values: members.map { ($0.user, $0.values[metric]) })
                    : listLevel(metric, segment: segment, shots: shots, lists: members.map(\.topList))
                if let measurement { measurements.append(measurement) }
            }
            for sampling in sampled {
                for metric in metrics where metric.family == .rankingAccuracy {
                    let values = members.map { ($0.user, $0.sampled[sampling]?[metric]) }
                    if let measurement = perUser(
                        metric, protocolName: sampling.protocolName, segment: segment, shots: shots, values: values)
                    {
                        measurements.append(measurement)
                    }
                }
            }
        }
        return measurements
    }

    private func perUser(
        _ metric: Metric, protocolName: String, segment: String, shots: Int, values: [(UserID, Double?)]
    ) -> Measurement? {
        Measurement.averaging(
            values.compactMap { user, value in value.map { UserValue(user: user, value: $0) } },
            metric: metric, protocolName: protocolName, segment: segment, shots: shots, window: nil,
            resamples: resamples, random: random.stream("bootstrap/\(protocolName)/\(segment)/\(shots)/\(metric)")
        )
    }

    private func listLevel(_ metric: Metric, segment: String, shots: Int, lists: [[ItemID]]) -> Measurement? {
        Measurement.listLevel(
            lists, catalogSize: catalogSize, metric: metric, protocolName: protocolName,
            segment: segment, shots: shots, window: nil
        )
    }
}
