import RecData
import Recommenders
import Synchronization

/// Counts the fits of the models a ``FitCounter/descriptor`` makes, which otherwise behave
/// as `popularity`.
final class FitCounter: Sendable {
    private let count = Mutex(0)

    /// Fits counted so far.
    var fits: Int { count.withLock { $0 } }

    /// A registered model named `name` whose every fit counts here.
    func descriptor(name: String) -> ModelDescriptor {
        let popularity = ModelRegistry.builtIn.descriptor(named: "popularity")!
        return ModelDescriptor(name: name, summary: "popularity, counting its fits") { parameters, seed in
            Counted(inner: popularity.make(popularity.resolve([:]), seed), counter: self)
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
