import Evaluation
import Foundation

/// A figure aggregated over the seeds of a cell: the mean, with the bootstrap interval
/// when there is one seed and the standard deviation across seeds when there are more.
public struct SeedAggregate: Hashable, Sendable {
    /// Mean of the per-seed values.
    public let value: Double
    /// The single seed's 95 % interval, when there is exactly one seed.
    public let interval: ClosedRange<Double>?
    /// Sample standard deviation across seeds, when there are several.
    public let standardDeviation: Double?
    /// How many seeds the figure covers.
    public let seeds: Int
    /// Users behind the figure (summed over seeds).
    public let n: Int

    /// Aggregates the rows of one scenario, protocol, model, K and metric over seeds.
    public init(_ rows: [ResultRow]) {
        precondition(!rows.isEmpty, "aggregate needs at least one row")
        let values = rows.map(\.value)
        let mean = values.reduce(0, +) / Double(values.count)
        self.value = mean
        self.seeds = rows.count
        self.n = rows.reduce(0) { $0 + $1.n }
        if rows.count == 1 {
            let bounds = [rows[0].ciLow, rows[0].ciHigh].filter { !$0.isNaN }
            interval = bounds.count == 2 ? min(bounds[0], bounds[1])...max(bounds[0], bounds[1]) : nil
            standardDeviation = nil
        } else {
            interval = nil
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            standardDeviation = variance.squareRoot()
        }
    }

    /// The figure's 95 % interval, as charts draw it: the single seed's (bootstrap)
    /// interval, or across several seeds the t-interval of their mean,
    /// `mean ± t₀.₉₇₅,ₙ₋₁ · sd / √n`; `nil` when there is neither.
    public var interval95: ClosedRange<Double>? {
        if let interval { return interval }
        guard seeds > 1, let standardDeviation else { return nil }
        let margin =
            StudentT.quantile(0.975, degreesOfFreedom: Double(seeds - 1)) * standardDeviation
            / Double(seeds).squareRoot()
        return (value - margin)...(value + margin)
    }

    /// `0.4123 [0.3980, 0.4270]` for one seed, `0.4123 ± 0.0100 (3 seeds)` for several;
    /// the value alone when it has no spread (a model's size, the same in every resample).
    public var text: String { text(wholeNumbers: false) }

    /// ``text``, with values written as whole numbers when `wholeNumbers` is set (for counts
    /// such as `adapted_parameters`, whose values are whole on every seed).
    public func text(wholeNumbers: Bool) -> String {
        let format = wholeNumbers ? { String(format: "%.0f", $0) } : Self.format
        let shown = format(value)
        if let interval, interval.lowerBound == interval.upperBound { return shown }
        if let interval { return "\(shown) [\(format(interval.lowerBound)), \(format(interval.upperBound))]" }
        return "\(shown) ± \(format(standardDeviation ?? 0)) (\(seeds) seeds)"
    }

    /// Four decimals, as every report shows metric values.
    public static func format(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}
