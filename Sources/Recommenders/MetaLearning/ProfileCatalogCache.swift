import Learning
import Synchronization

/// What a model computes for every item of the catalogue from a user's features alone,
/// kept per user profile (``FeatureEncoder/profile(of:)``) and shared by all the users a
/// fitted model serves: a ``BayesianHeadUser``'s representation of each item, or the
/// outputs of the ``AdaptedUser``s adapted to nothing — values the shared parameters
/// compute from the user's features and the item's.
///
/// Users of one profile get the same value bit for bit, so the cache changes no figure:
/// the cold-start protocol's test users, adapted once per support size, and the served
/// users of the onboarding and drift protocols compute it once per profile (432
/// demographic profiles for the simulated worlds' users). At most ``limit`` floats are
/// kept; a profile beyond it is computed every time, as without the cache.
final class ProfileCatalogCache: Sendable {
    private let storage = Mutex<(values: [[UInt32]: Matrix], floats: Int)>(([:], 0))
    /// The most floats kept.
    let limit: Int

    /// An empty cache keeping at most `limit` floats (128 MiB by default).
    init(limit: Int = 1 << 25) {
        self.limit = limit
    }

    /// The value of `profile`, computed by `compute` unless kept. The computation runs
    /// outside the lock, so users scored in parallel do not wait for each other.
    func value(for profile: [UInt32], _ compute: () -> Matrix) -> Matrix {
        value(for: profile) { Optional(compute()) }!
    }

    /// The value of `profile`, computed by `compute` unless kept; `nil` values (nothing
    /// worth keeping) are not kept.
    func value(for profile: [UInt32], _ compute: () -> Matrix?) -> Matrix? {
        if let kept = storage.withLock({ $0.values[profile] }) { return kept }
        guard let computed = compute() else { return nil }
        storage.withLock { cache in
            guard cache.values[profile] == nil, cache.floats + computed.count <= limit else { return }
            cache.values[profile] = computed
            cache.floats += computed.count
        }
        return computed
    }

    /// The number of profiles kept.
    var count: Int { storage.withLock { $0.values.count } }
}
