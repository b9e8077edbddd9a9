import RecData

/// When each item entered the catalog, which decides whether it is new at the cut-off of
/// the cold-start partitions (``PartitionConfig``).
///
/// Simulated worlds know it (items there from the start, churn arrivals, news publication
/// times); real datasets may give a release date; without one, an item is introduced
/// when the log first shows it.
public struct ItemIntroduction: Hashable, Sendable {
    /// Per item, its introduction time in the log's clock; `Int64.min` for an item there
    /// from the start, `Int64.max` for one never introduced (never seen in the log).
    public let times: [Int64]

    /// Introduction times given per item (`Int64.min` for items there from the start).
    ///
    /// - Throws: ``EvaluationError/introductionCount(expected:received:)`` when there is
    ///   not exactly one time per item.
    public init(times: [Int64], itemCount: Int) throws {
        guard times.count == itemCount else {
            throw EvaluationError.introductionCount(expected: itemCount, received: times.count)
        }
        self.times = times
    }

    /// The introduction time of each of `itemCount` items, as `time` gives it.
    public init(itemCount: Int, time: (ItemID) -> Int64) {
        self.times = (0..<itemCount).map { time(ItemID(index: $0)) }
    }

    /// Each item's first appearance in `dataset`'s log; `Int64.max` for items it never shows.
    public static func firstSeen(in dataset: Dataset) -> ItemIntroduction {
        var times = [Int64](repeating: .max, count: dataset.itemCount)
        for interaction in dataset.interactions where interaction.time < times[interaction.item.index] {
            times[interaction.item.index] = interaction.time
        }
        return ItemIntroduction(checked: times)
    }

    private init(checked times: [Int64]) {
        self.times = times
    }

    /// Whether `item` is new at `cutoff`: introduced at or after it.
    public func isNew(_ item: ItemID, at cutoff: Int64) -> Bool {
        times[item.index] >= cutoff
    }
}
