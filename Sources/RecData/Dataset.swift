/// Users, items, their features and the interaction log: what every protocol consumes.
///
/// Simulated worlds and imported real datasets both arrive as a `Dataset`; only
/// simulated worlds carry an oracle beside it.
public struct Dataset: Sendable {
    /// A short name used in reports and exports.
    public let name: String
    /// Observable user features; `users.rowCount` is the number of users.
    public let users: FeatureTable
    /// Observable item features; `items.rowCount` is the number of items.
    public let items: FeatureTable
    /// The log, sorted by time, then user, then item.
    public let interactions: [Interaction]
    /// What the interactions' values mean.
    public let feedback: Feedback

    /// Creates a dataset; the interactions are sorted into canonical order (in place when
    /// the caller hands over its only reference, as importers do, so a large log is not
    /// copied).
    public init(
        name: String, users: FeatureTable, items: FeatureTable, interactions: consuming [Interaction],
        feedback: Feedback
    ) {
        self.name = name
        self.users = users
        self.items = items
        interactions.sort {
            ($0.time, $0.user.rawValue, $0.item.rawValue) < ($1.time, $1.user.rawValue, $1.item.rawValue)
        }
        self.interactions = interactions
        self.feedback = feedback
    }

    /// The number of users.
    public var userCount: Int { users.rowCount }
    /// The number of items.
    public var itemCount: Int { items.rowCount }

    /// Every item id, in order.
    public var allItems: [ItemID] { (0..<itemCount).map(ItemID.init(index:)) }

    /// Each user's interactions in time order, indexed by user.
    public func historiesByUser() -> [[Interaction]] {
        var histories = Array(repeating: [Interaction](), count: userCount)
        for interaction in interactions {
            histories[interaction.user.index].append(interaction)
        }
        return histories
    }
}
