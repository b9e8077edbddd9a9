import RecData

/// Walker's alias method: O(1) draws from a fixed discrete distribution after O(n) set-up
/// (Vose's numerically stable construction).
public struct AliasTable: Sendable {
    private let probability: [Double]
    private let alias: [Int]

    /// Creates a table for non-negative `weights` with a positive sum.
    public init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0, "alias table needs at least one weight")
        let total = weights.reduce(0, +)
        precondition(total > 0, "alias table weights must have a positive sum")
        var scaled = weights.map { $0 * Double(n) / total }
        var probability = Array(repeating: 1.0, count: n)
        var alias = Array(0..<n)
        var small = [Int]()
        var large = [Int]()
        for (index, value) in scaled.enumerated() {
            if value < 1 { small.append(index) } else { large.append(index) }
        }
        while let s = small.popLast(), let l = large.popLast() {
            probability[s] = scaled[s]
            alias[s] = l
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        self.probability = probability
        self.alias = alias
    }

    /// Draws an index with probability proportional to its weight.
    public func sample(using random: inout RandomSource) -> Int {
        let column = random.nextIndex(below: probability.count)
        return random.nextUnit() < probability[column] ? column : alias[column]
    }
}
