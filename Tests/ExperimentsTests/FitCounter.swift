import RecData
import Recommenders
import Synchronization
import Testing

@testable import Experiments

/// Counts the fits of the models a ``FitCounter/descriptor(name:inner:)`` makes, which
/// otherwise behave as the model they wrap.
final class FitCounter: Sendable {
    /// What one fit was given: the meta-train users and the validation tasks.
    struct Fit: Equatable, CustomStringConvertible {
        let users: [UserID]
        let validation: [UserTask]

        var description: String {
            "fit on \(users.count) users from \(users.first.map { "\($0)" } ?? "none"), "
                + "\(validation.count) validation tasks of \(validation.map(\.support.count).reduce(0, +)) support interactions"
        }
    }

    private let recorded = Mutex([Fit]())

    /// Fits counted so far.
    var fits: Int { recorded.withLock { $0.count } }
    /// What each fit so far was given, in the order they started.
    var given: [Fit] { recorded.withLock { $0 } }

    /// A registered model named `name` that is `inner` with its defaults, every fit counted here.
    func descriptor(name: String, inner: ModelDescriptor) -> ModelDescriptor {
        ModelDescriptor(name: name, summary: "\(inner.name), counting its fits") { _, seed in
            Counted(inner: inner.make(inner.resolve([:]), seed), counter: self)
        }
    }

    fileprivate func record(_ fit: Fit) { recorded.withLock { $0.append(fit) } }

    /// Runs `spec` with each model's descriptor wrapped in one counting its fits (the models
    /// take their defaults), expecting no failure; the counters by model label.
    static func run(_ spec: ScenarioSpec, jobs: Int = 2) async -> (run: SuiteRun, counters: [String: FitCounter]) {
        var spec = spec
        var counters = [String: FitCounter]()
        for index in spec.models.indices {
            let counter = FitCounter()
            counters[spec.models[index].label] = counter
            spec.models[index].descriptor = counter.descriptor(
                name: spec.models[index].descriptor.name, inner: spec.models[index].descriptor)
        }
        let run = await SuiteRunner(name: spec.name, scenarios: [spec], options: RunOptions(jobs: jobs)).run()
        #expect(run.failures.isEmpty, "\(run.failures)")
        return (run, counters)
    }
}

/// A model that counts its fits and leaves the rest to `inner`.
private struct Counted: Recommender {
    var inner: any Recommender
    let counter: FitCounter

    var name: String { inner.name }

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        counter.record(FitCounter.Fit(users: training.users, validation: validation))
        try inner.fit(training, validation: validation, random: &random)
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        try inner.adapt(to: support, user: user)
    }
}
