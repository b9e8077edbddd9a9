extension Bootstrap {
    /// The `level` percentile interval of `statistics` (resampled statistics in any order):
    /// ``quantile(_:_:)`` of their sorted values at (1 − level)/2 and (1 + level)/2.
    ///
    /// Each quantile interpolates between two neighbouring order statistics, which are
    /// selected (quickselect, expected linear time) rather than found by sorting every
    /// value; the order statistics are the same values either way, so the interval is the
    /// sorted one's to the bit. Values that sorting could order differently from selecting
    /// — NaN, or −0 beside +0 — fall back to sorting. `statistics` is left reordered.
    static func percentileInterval(of statistics: inout [Double], level: Double) -> (low: Double, high: Double) {
        let tail = (1 - level) / 2
        guard !statistics.contains(where: { $0.isNaN || ($0 == 0 && $0.sign == .minus) }) else {
            statistics.sort()
            return (quantile(statistics, tail), quantile(statistics, 1 - tail))
        }
        return statistics.withUnsafeMutableBufferPointer { values in
            let low = selectedQuantile(values, tail, above: -1)
            return (low.value, selectedQuantile(values, 1 - tail, above: low.lower).value)
        }
    }

    /// ``quantile(_:_:)`` of `values` as if sorted, and the position of the lower of the two
    /// order statistics it interpolates between: that one, selected, and the smallest value
    /// after it, which selecting leaves all at or above it. Order statistics beyond position
    /// `selected`, where an earlier selection left the values partitioned, are selected among
    /// the values after it alone.
    private static func selectedQuantile(_ values: UnsafeMutableBufferPointer<Double>, _ p: Double, above selected: Int)
        -> (value: Double, lower: Int)
    {
        let position = p * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let fraction = position - Double(lower)
        let low = select(lower, in: values, from: lower > selected ? selected + 1 : 0)
        var high = low
        if upper > lower {
            high = values[upper]
            for index in upper..<values.count where values[index] < high { high = values[index] }
        }
        return (low + fraction * (high - low), lower)
    }

    /// The `k`-th smallest of `values` (0-based), leaving every value before position `k`
    /// at or below it and every value after at or above it, when the values before `start`
    /// are already at or below every value from `start` on (a previous selection's). Three-way
    /// partitions around a median of three keep runs of equal values (resampled means of
    /// 0/1 values) linear.
    static func select(_ k: Int, in values: UnsafeMutableBufferPointer<Double>, from start: Int = 0) -> Double {
        precondition(
            start >= 0 && k >= start && k < values.count, "order statistic \(k) outside \(start)..<\(values.count)")
        var low = start
        var high = values.count
        while high - low > 16 {
            let pivot = medianOfThree(values[low], values[(low + high) / 2], values[high - 1])
            var less = low
            var index = low
            var greater = high
            while index < greater {
                let value = values[index]
                if value < pivot {
                    values.swapAt(less, index)
                    less += 1
                    index += 1
                } else if value > pivot {
                    greater -= 1
                    values.swapAt(index, greater)
                } else {
                    index += 1
                }
            }
            if k < less {
                high = less
            } else if k >= greater {
                low = greater
            } else {
                return pivot
            }
        }
        for index in (low + 1)..<high {
            let value = values[index]
            var slot = index
            while slot > low && values[slot - 1] > value {
                values[slot] = values[slot - 1]
                slot -= 1
            }
            values[slot] = value
        }
        return values[k]
    }

    private static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
