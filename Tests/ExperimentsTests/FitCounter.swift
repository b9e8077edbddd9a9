import RecData
import Recommenders
import Synchronization

/// Counts the fits of the models a ``FitCounter/descriptor(name:inner:)`` makes, which
/// otherwise behave as the model they wrap.
final class FitCounter: Sendable {
    private let count = Mutex(0)

    /// Fits counted so far.
    var fits: Int { count.withLock { $0 } }

    /// A registered model named `name` that is `inner` with its defaults, every fit counted here.
    func descriptor(name: String, inner: ModelDescriptor) -> ModelDescriptor {
        ModelDescriptor(name: name, summary: "\(inner.name), counting its fits") { _, seed in
            Counted(inner: inner.make(inner.resolve([:]), seed), counter: self)
        }
    }

    fileprivate func record() { count.withLock { $0 += 1 } }
}

/// A model that counts its fits and leaves the rest to `inner`.
private struct Counted: Recommender {
    var inner: any Recommender
    let counter: FitCounter

    var name: String { inner.name }

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        counter.record()
        try inner.fit(training, validation: validation, random: &random)
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        try inner.adapt(to: support, user: user)
    }
}
