/// Errors of predicted ratings against observed ones, for one user.
public enum RatingMetrics {
    /// Mean absolute error; 0 for empty input.
    public static func meanAbsoluteError(predicted: [Float], observed: [Float]) -> Double {
        precondition(predicted.count == observed.count, "one prediction per observation")
        guard !observed.isEmpty else { return 0 }
        let total = zip(predicted, observed).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) }
        return total / Double(observed.count)
    }

    /// Root mean squared error; 0 for empty input.
    public static func rootMeanSquaredError(predicted: [Float], observed: [Float]) -> Double {
        precondition(predicted.count == observed.count, "one prediction per observation")
        guard !observed.isEmpty else { return 0 }
        let total = zip(predicted, observed).reduce(0.0) {
            let error = Double($1.0) - Double($1.1)
            return $0 + error * error
        }
        return (total / Double(observed.count)).squareRoot()
    }
}
