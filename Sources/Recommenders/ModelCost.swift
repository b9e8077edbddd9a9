/// A rough class of how long a model takes to fit and adapt, relative to the others on
/// the same data. Suites start costly cells first so that with several jobs no long cell
/// is left running alone at the end; results never depend on it.
public enum ModelCost: Int, Comparable, Sendable {
    /// Counting or scoring without training (random, popularity, content-based).
    case light
    /// Closed-form or sparse training (item-kNN, ALS, BPR, LinUCB).
    case moderate
    /// Gradient-trained networks and meta-learners, and external processes.
    case heavy

    /// The weight used to compare cells: a heavy cell is taken to cost as much as several
    /// moderate ones, a moderate one as several light ones.
    public var weight: Double {
        switch self {
        case .light: 1
        case .moderate: 4
        case .heavy: 16
        }
    }

    public static func < (lhs: ModelCost, rhs: ModelCost) -> Bool { lhs.rawValue < rhs.rawValue }
}
