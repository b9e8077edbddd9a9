import RecData

/// The Gini index of item exposure in the users' top-k lists (Fleder & Hosanagar,
/// "Blockbuster culture's next rise or fall", Management Science 2009; Gini 1912).
///
/// With the catalog's exposure counts sorted ascending, x_(1) ≤ … ≤ x_(n),
/// G = Σ_i (2i − n − 1) x_(i) / (n Σ_i x_(i)): 0 when every item is shown equally often,
/// (n − 1)/n when all exposure goes to one item. Items never shown count as 0.
public struct ExposureGini: ListLevelStatistic {
    private let exposure: ListExposure
    /// Items per exposure count (count → items).
    private let histogram: [Int: Int]

    /// Prepares the Gini index of the first `k` items of each of `lists` over a catalog of `catalogSize` items.
    public init(lists: [[ItemID]], k: Int, catalogSize: Int) {
        self.exposure = ListExposure(lists: lists, k: k, catalogSize: catalogSize)
        self.histogram = exposure.counts.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    public var userCount: Int { exposure.lists.count }

    public var value: Double { Self.gini(histogram, itemCount: exposure.counts.count) }

    public func leavingOut(_ index: Int) -> Double {
        var adjusted = histogram
        for item in exposure.lists[index] where item.index < exposure.counts.count {
            let count = exposure.counts[item.index]
            adjusted[count, default: 0] -= 1
            adjusted[count - 1, default: 0] += 1
        }
        return Self.gini(adjusted, itemCount: exposure.counts.count)
    }

    /// The Gini index of `itemCount` values given as a histogram (value → how many items).
    ///
    /// The items with value v fill sorted positions P + 1 … P + h, whose weights
    /// 2i − n − 1 sum to h (2P + h − n).
    static func gini(_ histogram: [Int: Int], itemCount: Int) -> Double {
        var before = 0
        var weighted = 0.0
        var total = 0.0
        for value in histogram.keys.sorted() {
            let items = histogram[value] ?? 0
            guard items > 0 else { continue }
            weighted += Double(value) * Double(items) * Double(2 * before + items - itemCount)
            total += Double(value) * Double(items)
            before += items
        }
        guard total > 0 else { return 0 }
        return weighted / (Double(itemCount) * total)
    }
}
