import RecData
import Recommenders
import Testing

@testable import Evaluation

/// A toy world of 20 items: before the shift every user wants items 0–4, after it items
/// 15–19. Users accept a slate with probability 0.9 when it holds a wanted item, and pick the
/// first wanted item in it.
private struct ShiftingWorld: DriftEnvironment {
    let clockEnd: Int64 = 1_000
    let shiftTime: Int64 = 600
    var shiftEvents: [DriftShiftEvent] { [DriftShiftEvent(time: shiftTime, label: "tastes flip")] }

    func wanted(at time: Int64) -> Range<Int> { time < shiftTime ? 0..<5 : 15..<20 }

    func candidates(at time: Int64) -> [ItemID] { (0..<20).map(ItemID.init(index:)) }

    func utilities(user: UserID, items: [ItemID], at time: Int64) -> [Double] {
        items.map { wanted(at: time).contains($0.index) ? 1 : 0 }
    }

    func acceptance(user: UserID, slate: [ItemID], at time: Int64) -> Double {
        slate.contains { wanted(at: time).contains($0.index) } ? 0.9 : 0
    }

    func respond(user: UserID, slate: [ItemID], at time: Int64, random: inout RandomSource) -> Interaction? {
        guard random.nextUnit() < acceptance(user: user, slate: slate, at: time),
            let item = slate.first(where: { wanted(at: time).contains($0.index) })
        else { return nil }
        return Interaction(user: user, item: item, time: time, value: 1)
    }
}

/// Always recommends the items wanted after the shift.
private struct Prescient: Recommender {
    let name = "prescient"

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized { Scores() }

    struct Scores: Personalized {
        func scores(for candidates: [ItemID]) -> [Float] { candidates.map { Float($0.index) } }
        func predictedRatings(for items: [ItemID]) -> [Float]? { nil }
        mutating func observe(_ feedback: [Interaction]) throws {}
    }
}

/// Always recommends the items wanted before the shift, and records what it observes.
private struct Stubborn: Recommender {
    let name = "stubborn"
    let log: ObservationLog

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {
        log.fits += 1
    }

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized { Scores(log: log) }

    struct Scores: Personalized {
        let log: ObservationLog
        func scores(for candidates: [ItemID]) -> [Float] { candidates.map { Float(-$0.index) } }
        func predictedRatings(for items: [ItemID]) -> [Float]? { nil }
        mutating func observe(_ feedback: [Interaction]) throws { log.observed += feedback.count }
    }
}

private final class ObservationLog: @unchecked Sendable {
    // Only touched from the single thread that runs the protocol in a test.
    var fits = 0
    var observed = 0
    var adaptations = 0
    var updates: [[UserTask]] = []
}

/// Records its continual meta-updates and adaptations.
private struct MetaUpdating: ContinualMetaLearning {
    let name = "meta-updating"
    let log: ObservationLog
    let updatesOnline: Bool

    mutating func fit(_ training: TrainingSet, validation: [UserTask], random: inout RandomSource) throws {}

    func adapt(to support: [Interaction], user: UserID) throws -> any Personalized {
        log.adaptations += 1
        return Stubborn.Scores(log: log)
    }

    mutating func metaUpdate(on tasks: [UserTask], random: RandomSource) throws { log.updates.append(tasks) }
}

@Suite("Drift protocol")
struct DriftProtocolTests {
    /// 60 users, each logging one interaction with an item nobody ever wants (5–14) in
    /// every tenth of the clock.
    private static let dataset: Dataset = {
        let interactions = (0..<60).flatMap { user in
            (0..<10).map { step in
                Interaction(
                    user: UserID(index: user), item: ItemID(index: 5 + (user + step) % 10), time: Int64(step * 100 + 5),
                    value: 1)
            }
        }
        return Dataset(
            name: "toy", users: FeatureTable(rowCount: 60), items: FeatureTable(rowCount: 20),
            interactions: interactions, feedback: .implicit)
    }()

    private static var config: DriftConfig {
        var config = DriftConfig()
        config.windows = 5
        config.warmup = 0.5
        config.slateSize = 3
        config.metrics = [.hitRate(k: 3), .oracleNDCG(k: 3), .regret(k: 3)]
        config.bootstrapResamples = 50
        return config
    }

    private func run(_ model: any Recommender, config: DriftConfig = config) throws -> (DriftProtocol, DriftOutcome) {
        let drift = DriftProtocol(
            dataset: Self.dataset, environment: ShiftingWorld(), config: config, random: RandomSource(seed: 3))
        return (drift, try drift.run(model, random: RandomSource(seed: 4)))
    }

    @Test("Windows cover the clock after the warm-up, and the shift lands in its window")
    func windows() throws {
        let drift = DriftProtocol(
            dataset: Self.dataset, environment: ShiftingWorld(), config: Self.config, random: RandomSource(seed: 3))
        #expect(drift.windows == [500..<600, 600..<700, 700..<800, 800..<900, 900..<1000])
        #expect(drift.shiftWindows == [1])
        #expect(drift.shiftLabels == ["tastes flip"])
        #expect(drift.training.histories.allSatisfy { $0.allSatisfy { $0.time < 500 } })
        #expect(Set(drift.servedUsers(inWindow: 0)).isSubset(of: drift.split.test))
    }

    @Test("A model that never adapts scores like the oracle before the shift and dips after it, never recovering")
    func stubbornDips() throws {
        let log = ObservationLog()
        let (_, outcome) = try run(Stubborn(log: log))
        let ndcg = outcome.measurements.filter { $0.metric == .oracleNDCG(k: 3) }.sorted {
            ($0.window ?? 0) < ($1.window ?? 0)
        }
        #expect(ndcg.map(\.value) == [1, 0, 0, 0, 0])
        let summary = try #require(outcome.summaries.first { $0.metric == .oracleNDCG(k: 3) })
        #expect(summary.summary.shifts.first?.preShiftLevel == 1)
        #expect(summary.summary.shifts.first?.dipDepth == 1)
        #expect(summary.summary.shifts.first?.recovery == .notRecovered)
        #expect(summary.oracleCurve == [1, 1, 1, 1, 1])
        let regret = outcome.measurements.filter { $0.metric == .regret(k: 3) }.sorted {
            ($0.window ?? 0) < ($1.window ?? 0)
        }
        #expect(regret.map(\.value) == [0, 3, 3, 3, 3])
        #expect(log.fits == 1)
        #expect(log.observed > 0)
    }

    @Test("The hit rate follows the world's answers, and the oracle curve holds the best slate's acceptance")
    func hitRate() throws {
        let (_, outcome) = try run(Stubborn(log: ObservationLog()))
        let hits = outcome.measurements.filter { $0.metric == .hitRate(k: 3) }.sorted {
            ($0.window ?? 0) < ($1.window ?? 0)
        }
        #expect(abs(hits[0].value - 0.9) < 0.15)
        #expect(hits.dropFirst().allSatisfy { $0.value == 0 })
        let summary = try #require(outcome.summaries.first { $0.metric == .hitRate(k: 3) })
        #expect(summary.oracleCurve.allSatisfy { abs($0 - 0.9) < 1e-12 })
    }

    @Test("Scheduled refits happen every N windows")
    func refits() throws {
        var config = Self.config
        config.retrainEvery = 2
        let log = ObservationLog()
        _ = try run(Stubborn(log: log), config: config)
        #expect(log.fits == 3)
    }

    @Test("Continual meta-updates after every window: support before it, query its answers; users adapted anew")
    func continualMetaUpdates() throws {
        let log = ObservationLog()
        let (drift, _) = try run(MetaUpdating(log: log, updatesOnline: true))
        #expect(log.updates.count == drift.windows.count)
        let served = drift.windows.indices.reduce(0) { $0 + drift.servedUsers(inWindow: $1).count }
        #expect(log.adaptations == served, "every served user is adapted anew in every window")
        #expect(log.updates.contains { !$0.isEmpty }, "the stubborn slates are answered before the shift")
        for (index, tasks) in log.updates.enumerated() {
            let window = drift.windows[index]
            #expect(tasks.allSatisfy { !$0.query.isEmpty })
            #expect(Set(tasks.map(\.user)).isSubset(of: Set(drift.servedUsers(inWindow: index))))
            #expect(
                tasks.allSatisfy { task in
                    task.query.allSatisfy { window.contains($0.time) }
                        && task.support.allSatisfy { $0.time < window.lowerBound }
                })
        }
        let quiet = ObservationLog()
        _ = try run(MetaUpdating(log: quiet, updatesOnline: false))
        #expect(quiet.updates.isEmpty)
        #expect(quiet.adaptations < log.adaptations, "without updates, users keep their adapted models")
    }

    @Test("Every model faces the same answers: equal models give equal rows")
    func commonRandomNumbers() throws {
        let (_, first) = try run(Stubborn(log: ObservationLog()))
        let (_, second) = try run(Stubborn(log: ObservationLog()))
        #expect(first.measurements == second.measurements)
        let (_, other) = try run(Prescient())
        #expect(other.measurements != first.measurements)
        let ndcg = other.measurements.filter { $0.metric == .oracleNDCG(k: 3) }.sorted {
            ($0.window ?? 0) < ($1.window ?? 0)
        }
        #expect(ndcg.map(\.value) == [0, 1, 1, 1, 1])
    }
}
