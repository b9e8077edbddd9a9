/// Root finding by bisection for a response that increases with its parameter.
///
/// Calibration uses it where a generator parameter and the statistic it drives are not
/// related in closed form (the exposure exponent and the observed popularity exponent,
/// the feature share and the observed feature predictability): each evaluation
/// simulates a world, so the number of evaluations is fixed in advance and the best
/// one is kept. With common random numbers (the same seed for every evaluation) the
/// response is close to monotone, which is what bisection needs.
public enum Bisection {
    /// One evaluated point.
    public struct Point: Hashable, Sendable {
        /// The parameter.
        public let parameter: Double
        /// The response there.
        public let value: Double
    }

    /// Halves `range` `iterations` times toward the parameter whose response is
    /// `target`, stopping early once a response is within `tolerance`; returns the
    /// evaluated point closest to the target. A target outside the responses on the
    /// range ends at the nearer end of it.
    public static func solve(
        in range: ClosedRange<Double>, target: Double, iterations: Int, tolerance: Double,
        _ response: (Double) throws -> Double
    ) rethrows -> Point {
        var low = range.lowerBound
        var high = range.upperBound
        var best: Point?
        for _ in 0..<max(1, iterations) {
            let middle = (low + high) / 2
            let value = try response(middle)
            let point = Point(parameter: middle, value: value)
            if best.map({ abs(value - target) < abs($0.value - target) }) ?? true { best = point }
            if abs(value - target) <= tolerance { break }
            if value < target { low = middle } else { high = middle }
        }
        return best ?? Point(parameter: low, value: .nan)
    }

    /// Scans `grid` (increasing) for the first pair of neighbours whose responses lie on
    /// either side of `target` and bisects between them `iterations` times, whichever
    /// way the response runs there; returns the evaluated point closest to the target.
    ///
    /// For responses that rise and then fall (the observed popularity exponent does,
    /// once exposure is so concentrated that users have already chosen the items it
    /// favours), this finds the smallest parameter reaching the target.
    public static func solveFirstCrossing(
        grid: [Double], target: Double, iterations: Int, tolerance: Double, _ response: (Double) throws -> Double
    ) rethrows -> Point {
        var points = [Point]()
        for parameter in grid {
            let point = Point(parameter: parameter, value: try response(parameter))
            points.append(point)
            if abs(point.value - target) <= tolerance { return point }
            if let previous = points.dropLast().last, (previous.value - target) * (point.value - target) < 0 {
                let rising = point.value > previous.value
                let refined = try solve(
                    in: previous.parameter...point.parameter, target: rising ? target : -target, iterations: iterations,
                    tolerance: tolerance
                ) {
                    try (rising ? response($0) : -response($0))
                }
                let found = Point(parameter: refined.parameter, value: rising ? refined.value : -refined.value)
                return ([found] + points).min { abs($0.value - target) < abs($1.value - target) } ?? found
            }
        }
        return points.min { abs($0.value - target) < abs($1.value - target) }
            ?? Point(parameter: grid.first ?? 0, value: .nan)
    }
}
