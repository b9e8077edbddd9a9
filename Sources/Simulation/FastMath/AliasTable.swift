import RecData

/// Walker's alias method: O(1) draws from a fixed discrete distribution after O(n) set-up
/// (Vose's numerically stable construction; M. D. Vose, "A linear algorithm for
/// generating random numbers with a given distribution", IEEE TSE 1991).
///
/// Each column is packed into one 64-bit word (keep-threshold in the high half, alias
/// in the low half) and a draw uses one 64-bit random number: its high half picks the
/// column, its low half the coin. Probabilities are therefore resolved to 2^−32, far
/// below any sampling error a simulation can see; an item of weight 0 is never drawn.
public struct AliasTable: Sendable {
    /// Packed columns: keep-threshold in the high 32 bits (the column is kept when the
    /// low 32 random bits are below it), alias in the low 32 bits. A full column
    /// (probability 1) is its own alias, so it is always kept.
    let columns: [UInt64]

    /// Creates a table for non-negative `weights` with a positive sum.
    public init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0, "alias table needs at least one weight")
        precondition(n < Int(UInt32.max), "alias table supports fewer than 2^32 weights")
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
        self.columns = (0..<n).map { index in
            let keep = probability[index] >= 1 ? UInt64(UInt32.max) : UInt64(probability[index] * 4_294_967_296.0)
            return keep << 32 | UInt64(alias[index])
        }
    }

    /// The number of outcomes.
    public var count: Int { columns.count }

    /// Draws an index with probability proportional to its weight.
    public func sample(using random: inout RandomSource) -> Int {
        sample(bits: random.next())
    }

    /// The outcome that 64 random `bits` select.
    @inline(__always)
    func sample(bits: UInt64) -> Int {
        let column = Int(((bits >> 32) &* UInt64(columns.count)) >> 32)
        let entry = columns[column]
        return (bits & 0xFFFF_FFFF) < entry >> 32 ? column : Int(entry & 0xFFFF_FFFF)
    }
}
