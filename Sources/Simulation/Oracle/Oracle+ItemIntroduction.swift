import RecData

extension Oracle {
    /// When `item` entered the catalog, in clock seconds: `Int64.min` for an item there
    /// from the start, else its churn arrival or news publication time.
    public func introductionTime(of item: ItemID) -> Int64 {
        let arrival = model.catalog.arrival
        return arrival.isEmpty ? .min : arrival[item.index]
    }
}
