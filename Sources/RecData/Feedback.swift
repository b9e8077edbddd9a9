/// The kind of feedback a dataset's interactions carry.
public enum Feedback: Hashable, Sendable, Codable {
    /// Every interaction is a positive signal with value 1 (click, view, purchase).
    case implicit
    /// Every interaction carries a rating in `minimum...maximum`.
    case rating(minimum: Float, maximum: Float)

    /// Whether interactions carry ratings that rating metrics (MAE, RMSE) can score.
    public var hasRatings: Bool {
        if case .rating = self { return true }
        return false
    }

    /// The rating scale's bounds, or `1...1` for implicit feedback.
    public var scale: ClosedRange<Float> {
        switch self {
        case .implicit: return 1...1
        case let .rating(minimum, maximum): return minimum...maximum
        }
    }
}
