import Synchronization

/// A network's outputs for every item of the catalogue under one adapted user's parameters,
/// computed on first use and kept until the parameters change.
///
/// An ``AdaptedUser`` scores a user's candidates by reading them from here: the catalogue's
/// item inputs are encoded once per model, a round whose feedback changed nothing (an
/// onboarding slate the user picked nothing from, a drift window without answers) scores
/// nothing again, and the rating predictions of the query items come with the scores.
/// Copies of a user share the outputs until one of them adapts further, which gives it a
/// fresh instance.
final class CatalogOutputs: Sendable {
    private let outputs = Mutex<[Float]?>(nil)

    /// The outputs, computed by `compute` the first time.
    func values(_ compute: () -> [Float]) -> [Float] {
        outputs.withLock { cached in
            if let cached { return cached }
            let computed = compute()
            cached = computed
            return computed
        }
    }

    /// Whether the outputs have been computed.
    var isComputed: Bool { outputs.withLock { $0 != nil } }
}
