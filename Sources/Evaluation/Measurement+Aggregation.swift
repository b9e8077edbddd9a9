import RecData

// MARK: - Aggregating users into a measurement

extension Measurement {
    /// The mean of per-user values with its seeded 95 % percentile bootstrap interval over
    /// users; `nil` when there are no values.
    ///
    /// - Parameters:
    ///   - values: the per-user values.
    ///   - metric: the metric they are values of.
    ///   - protocolName: the protocol that measured them.
    ///   - segment: the user segment they belong to.
    ///   - shots: the support size K, if the protocol has one.
    ///   - window: the drift window, if the protocol has windows.
    ///   - round: the onboarding round, if the protocol has rounds.
    ///   - resamples: bootstrap resamples for the interval.
    ///   - random: the source of this measurement's resamples (derive one stream
    ///     per measurement, so that intervals do not depend on evaluation order).
    public static func averaging(
        _ values: [UserValue], metric: Metric, protocolName: String, segment: String, shots: Int?, window: Int?,
        round: Int? = nil, resamples: Int, random: RandomSource
    ) -> Measurement? {
        guard !values.isEmpty else { return nil }
        let plain = values.map(\.value)
        let interval = Bootstrap.meanInterval(of: plain, resamples: resamples, random: random)
        return Measurement(
            protocolName: protocolName, segment: segment, shots: shots, window: window, round: round, metric: metric,
            value: plain.reduce(0, +) / Double(plain.count), ciLow: interval.low, ciHigh: interval.high, perUser: values
        )
    }

    /// A list-level metric (coverage, Gini, personalization) over the users' top lists,
    /// with its 95 % jackknife interval and n = the number of lists; `nil` when `metric`
    /// is not list-level or there are no lists.
    public static func listLevel(
        _ lists: [[ItemID]], catalogSize: Int, metric: Metric, protocolName: String, segment: String, shots: Int?,
        window: Int?
    ) -> Measurement? {
        guard !lists.isEmpty else { return nil }
        let statistic: any ListLevelStatistic
        switch metric {
        case let .coverage(k): statistic = CatalogCoverage(lists: lists, k: k, catalogSize: catalogSize)
        case let .gini(k): statistic = ExposureGini(lists: lists, k: k, catalogSize: catalogSize)
        case let .personalization(k): statistic = Personalization(lists: lists, k: k)
        default: return nil
        }
        let interval = Jackknife.interval(of: statistic)
        return Measurement(
            protocolName: protocolName, segment: segment, shots: shots, window: window, metric: metric,
            value: statistic.value, ciLow: interval.low, ciHigh: interval.high, perUser: [], n: lists.count
        )
    }
}
