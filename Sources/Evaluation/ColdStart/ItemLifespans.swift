import RecData

/// When each item can be recommended, for catalogs whose items live and die on the clock
/// (a simulated news world's articles, from publication until expiry).
///
/// The cold-start protocol offers a user only the items alive at the moment they are
/// served (`UserTask/servedAt`): an article that has expired, or is not yet published,
/// cannot be recommended then.
public struct ItemLifespans: Hashable, Sendable {
    /// Per item, the clock seconds during which it is alive.
    public let spans: [Range<Int64>]

    /// Lifespans given per item.
    ///
    /// - Throws: ``EvaluationError/lifespanCount(expected:received:)`` when there is not
    ///   exactly one span per item.
    public init(spans: [Range<Int64>], itemCount: Int) throws {
        guard spans.count == itemCount else {
            throw EvaluationError.lifespanCount(expected: itemCount, received: spans.count)
        }
        self.spans = spans
    }

    /// Whether `item` is alive at `time`.
    public func isAlive(_ item: ItemID, at time: Int64) -> Bool {
        spans[item.index].contains(time)
    }
}
