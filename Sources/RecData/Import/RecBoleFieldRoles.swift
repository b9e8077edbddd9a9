/// Which fields of RecBole atomic files play which role (`dataset.fields` in scenario files).
///
/// The defaults are RecBole's own (`USER_ID_FIELD: user_id`, `ITEM_ID_FIELD: item_id`,
/// `RATING_FIELD: rating`, `TIME_FIELD: timestamp` in RecBole's `overall.yaml`). A role set
/// to `nil` is absent: no rating field means implicit feedback (every value 1), no time
/// field means the rows' order is the clock. A role that names a field the file lacks is
/// an error, never a silent fallback.
public struct RecBoleFieldRoles: Hashable, Sendable {
    /// The user id field (`token`).
    public var user = "user_id"
    /// The item id field (`token`).
    public var item = "item_id"
    /// The rating field (`float`), or `nil` for implicit feedback.
    public var rating: String? = "rating"
    /// The time field (`float`, rounded to whole units), or `nil` to use row order.
    public var timestamp: String? = "timestamp"

    /// RecBole's default roles.
    public init() {}

    /// Roles naming the given fields.
    public init(user: String = "user_id", item: String = "item_id", rating: String?, timestamp: String?) {
        self.user = user
        self.item = item
        self.rating = rating
        self.timestamp = timestamp
    }
}
