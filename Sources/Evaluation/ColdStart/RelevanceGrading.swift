import RecData

/// How a relevant query interaction is graded, for the gain of nDCG.
///
/// Relevance itself is fixed by the threshold: a query interaction is relevant when its
/// value is at least `relevance_threshold` (every implicit interaction is). Binary
/// relevance gives every relevant item grade 1, so `ndcg@k` and `ndcg_lin@k` agree;
/// graded relevance lets higher ratings weigh more.
public enum RelevanceGrading: String, CaseIterable, Hashable, Sendable {
    /// Grade 1 for every relevant item.
    case binary
    /// Grade value − threshold + 1 for ratings (a 5 with threshold 4 has grade 2); 1 for
    /// implicit feedback.
    case graded

    /// The grade of an interaction value; 0 when it is not relevant.
    public func grade(_ value: Float, threshold: Float, feedback: Feedback) -> Double {
        guard feedback.hasRatings else { return 1 }
        guard value >= threshold else { return 0 }
        switch self {
        case .binary: return 1
        case .graded: return Double(value - threshold) + 1
        }
    }
}
