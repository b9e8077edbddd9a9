import RecData

/// A simulated world's true utilities for the cold-start protocol's oracle-relative
/// metrics: the utilities of `items` for `user` at `time`, in the items' order.
///
/// The protocol asks at the moment a test user is served: the time of their earliest
/// query interaction (`UserTask/servedAt`), so that drift before that moment counts.
///
/// Each item's utility must be its own, whatever other items are asked about with it: the
/// protocol asks once for all of a user's candidates and, at the other support sizes, for
/// the top list's items only, keeping the lowest utility and the oracle's best list of the first.
public typealias ColdStartOracle = @Sendable (_ user: UserID, _ items: [ItemID], _ time: Int64) -> [Double]

extension UserTask {
    /// The moment the user is served their ranking: the earliest query interaction, or
    /// the last support interaction when the query is empty, or 0 for an empty history.
    public var servedAt: Int64 {
        query.lazy.map(\.time).min() ?? support.lazy.map(\.time).max() ?? 0
    }
}
