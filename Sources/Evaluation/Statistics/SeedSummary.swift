/// The mean and sample standard deviation of a few values, such as one figure across
/// seeds (or the differences of a paired test).
public struct SeedSummary: Hashable, Sendable {
    /// How many values.
    public let count: Int
    /// Their mean; 0 for none.
    public let mean: Double
    /// Their sample standard deviation (n − 1 in the denominator); 0 for fewer than two.
    public let standardDeviation: Double

    /// Summarizes `values`. Equal values have exactly their value as mean and 0 as
    /// standard deviation, free of rounding in the sum.
    public init(_ values: [Double]) {
        count = values.count
        guard let first = values.first, values.contains(where: { $0 != first }) else {
            mean = values.first ?? 0
            standardDeviation = 0
            return
        }
        mean = values.reduce(0, +) / Double(values.count)
        let mean = self.mean
        let squares = values.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = (squares / Double(values.count - 1)).squareRoot()
    }
}
