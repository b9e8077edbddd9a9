/// The mean and sample standard deviation of a few values, such as one figure across
/// seeds (or the differences of a paired test).
public struct SeedSummary: Hashable, Sendable {
    /// How many values.
    public let count: Int
    /// Their mean; 0 for none.
    public let mean: Double
    /// Their sample standard deviation (n − 1 in the denominator); 0 for fewer than two.
    public let standardDeviation: Double

    /// Summarizes `values`.
    public init(_ values: [Double]) {
        count = values.count
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else {
            standardDeviation = 0
            return
        }
        let mean = self.mean
        let squares = values.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = (squares / Double(values.count - 1)).squareRoot()
    }
}
