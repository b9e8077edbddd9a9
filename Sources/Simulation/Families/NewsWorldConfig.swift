/// The knobs of a news world: articles with a topic, a source and a publication time,
/// published continuously, whose appeal decays with age and which expire.
///
/// An article's utility carries a freshness term `freshness_weight · 2^(−age / half_life)`;
/// it can be shown from publication until `lifetime_hours` later.
@dynamicMemberLookup
public struct NewsWorldConfig: Hashable, Sendable {
    /// The knobs every family shares (news defaults: 14 days, 3000 articles).
    public var common: CommonWorldConfig = {
        var common = CommonWorldConfig()
        common.days = 14
        common.items = 3_000
        return common
    }()

    // MARK: - Catalog

    /// Number of topics (`world.topics`, default 12).
    public var topics: Int = 12
    /// Number of sources (publishers) (`world.sources`, default 20).
    public var sources: Int = 20
    /// Hours after which the freshness term has halved (`world.half_life_hours`, default 12).
    public var halfLifeHours: Double = 12
    /// Utility of a brand-new article's freshness (`world.freshness_weight`, default 2).
    public var freshnessWeight: Double = 2
    /// Hours an article stays available after publication (`world.lifetime_hours`, default 72).
    public var lifetimeHours: Double = 72

    /// Creates the default configuration.
    public init() {}

    /// Reads and writes the shared knobs as if they were this config's own.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<CommonWorldConfig, Value>) -> Value {
        get { common[keyPath: keyPath] }
        set { common[keyPath: keyPath] = newValue }
    }

    /// The expected number of articles available at any moment: publications spread
    /// over the clock plus one lifetime before it.
    public var expectedLiveArticles: Double {
        let lifetime = lifetimeHours / 24
        return Double(common.items) * lifetime / (common.days + lifetime)
    }

    /// An estimate of the memory the generated world needs, in bytes.
    public var estimatedBytes: Double {
        common.estimatedBytes(loggedPerStored: 1, itemFeatureBytes: 24, groups: topics)
    }
}
