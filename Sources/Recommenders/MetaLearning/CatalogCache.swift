import Synchronization

/// What a served user computes once for every item of the catalogue, kept while it stays
/// valid: an ``AdaptedUser``'s network outputs under its adapted parameters, a
/// ``BayesianHeadUser``'s representation of each item.
///
/// The user's candidates are read from it: the catalogue's item inputs are encoded once
/// per model, a round whose feedback changed nothing (an onboarding slate the user picked
/// nothing from, a drift window without answers) computes nothing again, and the rating
/// predictions of the query items come with the scores. Copies of a user share the cache
/// until one of them changes what it holds, which gives it a fresh instance.
final class CatalogCache<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    /// The value, computed by `compute` the first time.
    func value(_ compute: () -> Value) -> Value {
        storage.withLock { cached in
            if let cached { return cached }
            let computed = compute()
            cached = computed
            return computed
        }
    }

    /// Whether the value has been computed.
    var isComputed: Bool { storage.withLock { $0 != nil } }

    /// Whether scoring `count` of the catalogue's `itemCount` items should go through the
    /// cache: when it is already computed, or they are at least half the catalogue.
    func serves(_ count: Int, of itemCount: Int) -> Bool {
        2 * count >= itemCount || isComputed
    }
}
