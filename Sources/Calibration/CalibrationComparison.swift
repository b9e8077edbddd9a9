import Simulation

/// Real and simulated statistics side by side, each with its distance: the
/// two-sample Kolmogorov–Smirnov statistic for distributions, the relative error
/// `|simulated − real| / |real|` for scalars.
public struct CalibrationComparison: Sendable {
    /// How a row's distance is measured.
    public enum Measure: String, Hashable, Sendable {
        /// Two-sample Kolmogorov–Smirnov statistic, in `[0, 1]`.
        case kolmogorovSmirnov = "KS"
        /// Relative error; infinite when the real value is 0 and the simulated one is not.
        case relativeError = "relative error"
    }

    /// One statistic.
    public struct Row: Hashable, Sendable {
        /// What is compared.
        public let statistic: String
        /// How the distance is measured.
        public let measure: Measure
        /// The real value (the mean, for a distribution).
        public let real: Double
        /// The simulated value (the mean, for a distribution).
        public let simulated: Double
        /// The distance.
        public let distance: Double
        /// Quantiles of a real distribution (`median 65 · p90 244 · max 737`); empty for scalars.
        public let realDetail: String
        /// Quantiles of a simulated distribution; empty for scalars.
        public let simulatedDetail: String
    }

    /// The rows: distributions first, then scalars.
    public let rows: [Row]

    /// Compares `real` with `simulated`.
    public init(real: DatasetStatistics, simulated: DatasetStatistics) {
        var rows = [
            Self.distribution("interactions per user", real.activity, simulated.activity),
            Self.distribution("interactions per item", real.popularity, simulated.popularity),
        ]
        if !real.feedbackValues.isEmpty, !simulated.feedbackValues.isEmpty {
            rows.append(Self.distribution("feedback value", real.feedbackValues, simulated.feedbackValues))
        }
        rows += [
            Self.scalar("users", Double(real.users), Double(simulated.users)),
            Self.scalar("items", Double(real.items), Double(simulated.items)),
            Self.scalar("interactions", Double(real.interactions), Double(simulated.interactions)),
            Self.scalar("mean interactions per user", real.activityMean, simulated.activityMean),
            Self.scalar("fewest interactions of a user", real.activityMinimum, simulated.activityMinimum),
            Self.scalar("activity Gini", real.activityGini, simulated.activityGini),
            Self.scalar("popularity exponent", real.popularityExponent, simulated.popularityExponent),
            Self.scalar("popularity Gini", real.popularityGini, simulated.popularityGini),
        ]
        if let realDays = real.days, let simulatedDays = simulated.days {
            rows.append(Self.scalar("days spanned", realDays, simulatedDays))
        }
        if let realMean = real.feedbackMean, let simulatedMean = simulated.feedbackMean {
            rows.append(Self.scalar("mean feedback value", realMean, simulatedMean))
        }
        if let realShare = real.featurePredictability, let simulatedShare = simulated.featurePredictability {
            rows.append(Self.scalar("feature predictability (CV R²)", realShare, simulatedShare))
        }
        self.rows = rows
    }

    /// The relative error of `simulated` against `real`.
    public static func relativeError(real: Double, simulated: Double) -> Double {
        if real == simulated { return 0 }
        return real == 0 ? .infinity : abs(simulated - real) / abs(real)
    }

    private static func scalar(_ name: String, _ real: Double, _ simulated: Double) -> Row {
        Row(
            statistic: name, measure: .relativeError, real: real, simulated: simulated,
            distance: relativeError(real: real, simulated: simulated), realDetail: "", simulatedDetail: ""
        )
    }

    private static func distribution(_ name: String, _ real: [Double], _ simulated: [Double]) -> Row {
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        func quantiles(_ values: [Double]) -> String {
            let sorted = values.sorted()
            let figure = { (q: Double) in FittedParameter.number(SummaryStatistics.quantile(sorted, q)) }
            return "median \(figure(0.5)) · p90 \(figure(0.9)) · max \(FittedParameter.number(sorted.last ?? 0))"
        }
        return Row(
            statistic: name, measure: .kolmogorovSmirnov, real: mean(real), simulated: mean(simulated),
            distance: KolmogorovSmirnov.statistic(real, simulated), realDetail: quantiles(real),
            simulatedDetail: quantiles(simulated)
        )
    }
}
