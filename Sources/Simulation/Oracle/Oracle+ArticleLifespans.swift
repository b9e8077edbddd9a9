import RecData

extension Oracle {
    /// When each item can be shown, for worlds whose items are articles with a lifespan
    /// (news): from publication until expiry, in clock seconds, indexed by item. `nil` for
    /// the other families, whose items do not live and die on the clock as articles do
    /// (churned e-commerce and video items come and go, but are not given lifespans here).
    public var articleLifespans: [Range<Int64>]? {
        let catalog = model.catalog
        guard !catalog.publishTime.isEmpty else { return nil }
        return (0..<catalog.count).map { catalog.arrival[$0]..<max(catalog.arrival[$0], catalog.expiry[$0]) }
    }
}
