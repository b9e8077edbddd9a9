/// One logged event: a user interacted with an item at a time, with a feedback value.
///
/// Two 32-bit ids, a 64-bit time and a 32-bit value: 24 bytes per interaction in an array.
public struct Interaction: Hashable, Sendable, Codable {
    /// Who interacted.
    public var user: UserID
    /// With what.
    public var item: ItemID
    /// When, in the dataset's clock units (simulation steps or Unix seconds).
    public var time: Int64
    /// The feedback: a rating on the dataset's scale, or 1 for implicit feedback.
    public var value: Float

    /// Creates an interaction.
    public init(user: UserID, item: ItemID, time: Int64, value: Float) {
        self.user = user
        self.item = item
        self.time = time
        self.value = value
    }
}
