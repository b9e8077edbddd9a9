import RecData

/// Catalog coverage at k (Ge, Delgado-Battenfeld & Jannach, "Beyond accuracy: evaluating
/// recommender systems by coverage and serendipity", RecSys 2010): the share of the
/// catalog that appears in at least one user's top k.
public struct CatalogCoverage: ListLevelStatistic {
    private let exposure: ListExposure
    private let covered: Int

    /// Prepares coverage of the first `k` items of each of `lists` over a catalog of `catalogSize` items.
    public init(lists: [[ItemID]], k: Int, catalogSize: Int) {
        self.exposure = ListExposure(lists: lists, k: k, catalogSize: catalogSize)
        self.covered = exposure.counts.filter { $0 > 0 }.count
    }

    public var userCount: Int { exposure.lists.count }

    /// Covered items / catalog size; 0 for an empty catalog.
    public var value: Double { share(covered) }

    public func leavingOut(_ index: Int) -> Double {
        let lost = exposure.lists[index].filter { $0.index < exposure.counts.count && exposure.counts[$0.index] == 1 }
            .count
        return share(covered - lost)
    }

    private func share(_ items: Int) -> Double {
        exposure.counts.isEmpty ? 0 : Double(items) / Double(exposure.counts.count)
    }
}
