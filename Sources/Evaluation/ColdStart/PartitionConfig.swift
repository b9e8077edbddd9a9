/// Settings of MeLU's four cold-start partitions (`protocol.partitions`).
///
/// Lee et al., "MeLU: Meta-Learned User Preference Estimator for Cold-Start
/// Recommendation" (KDD 2019), §5.1, cut their data in time: items released after a
/// date are new, users who arrived after a date are new, and the four combinations are
/// evaluated apart. Here new users are the split's test users and existing users the
/// meta-train users, measured on what they do after the cut-off.
public struct PartitionConfig: Hashable, Sendable {
    /// Where the cut-off lies, as a share of the log's time span from its first to its
    /// last interaction, in `(0, 1)` (`cutoff`, default 0.75: the last quarter of the log
    /// is the future the existing users are measured on and new items arrive in).
    public var cutoffShare: Double = 0.75
    /// Fewest query interactions a user needs in a partition to be evaluated there
    /// (`min_query`, default 1). New items live only after the cut-off, so their query
    /// sets are short by nature; every partition's figures report their number of users.
    public var minimumQuery: Int = 1

    /// Creates the default settings.
    public init() {}

    /// The cut-off time for a log running from `first` to `last`.
    public func cutoff(first: Int64, last: Int64) -> Int64 {
        first + Int64((cutoffShare * Double(last - first)).rounded())
    }
}

/// One of MeLU's four partitions: existing or new users × existing or new items.
public enum Partition: String, CaseIterable, Hashable, Sendable {
    /// Existing users on existing items ("warm state").
    case warmState = "warm-state"
    /// New users on existing items ("user cold-start").
    case userCold = "user-cold"
    /// Existing users on new items ("item cold-start").
    case itemCold = "item-cold"
    /// New users on new items ("user-item cold-start").
    case userItemCold = "user-item-cold"

    /// Whether the partition's users are new (the split's test users).
    public var newUsers: Bool { self == .userCold || self == .userItemCold }
    /// Whether the partition ranks and measures new items.
    public var newItems: Bool { self == .itemCold || self == .userItemCold }

    /// The protocol name its rows carry: `cold-start/warm-state`, `cold-start/user-item-cold`.
    public var protocolName: String { "\(ColdStartProtocol.name)/\(rawValue)" }
}
