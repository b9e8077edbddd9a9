/// The kinds of synthetic world the simulator generates.
public enum WorldFamily: String, CaseIterable, Sendable, Codable {
    /// Products with categories and ratings after purchase.
    case ecommerce
    /// Videos with genres and creators.
    case video
    /// News articles with topics, freshness and short lifespans.
    case news
}
