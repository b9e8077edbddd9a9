import RecData
import Recommenders

/// The onboarding protocol: interactive cold start in a simulated world. How quickly does
/// a model learn a new user it serves?
///
/// Users are split by seed into meta-train, validation and test. Models fit on the
/// meta-train users' full histories (validation tasks, support = the first largest-K
/// interactions, are given for tuning). When the scenario also runs the cold-start protocol
/// with the same split fractions, the protocol is made with that protocol's split and is
/// given the model that protocol fits (``ColdStartProtocol/fit(_:random:)``, its validation
/// tasks for tuning): one fit serves both, and the same test users are evaluated in both, so
/// their findings are about one trained model. Every test user with at least `max(K) + rounds`
/// logged interactions is evaluated, at every K of the sweep: the model is adapted to the
/// user's first K interactions (chronological), then serves `rounds` slates of
/// `slateSize` items the user has not seen — neither in the support nor in an earlier
/// slate. Round r happens at the moment of the user's (max(K) + r)-th logged interaction,
/// the same moment for every K, so the sweep compares support sizes at equal times.
///
/// The world answers each slate through its choice model at that moment
/// (``DriftEnvironment/respond(user:slate:at:random:)``); the answer is drawn from a
/// stream of the protocol's seed, the user and the round alone, so every model — and every
/// K — faces the same chance events (common random numbers). The model then observes the
/// answer (`Personalized/observe(_:)`: meta-learners adapt further from their adapted
/// state, nothing is refit); a slate the user picks nothing from is not observed.
///
/// Per round the slate metrics are measured as in the drift protocol (`ServedSlate`):
/// `hr@k` (the user picked from the top k), `oracle_ndcg@k`, `oracle_share@k` and
/// `regret@k` against the oracle's best unseen items at that moment. Per K and metric the
/// summary (``OnboardingSummary``) gives the cumulative shortfall against the oracle's
/// slate (for `regret@k`, the cumulative regret) and the first round at which the curve
/// reaches 90 % of the oracle's level, each with a bootstrap interval over users.
///
/// The world's oracle knows the user's logged history: its preferences at round r include
/// any reinforcement by what the user consumed in the log before that moment, not by what
/// they picked from the served slates.
public struct OnboardingProtocol: Sendable {
    /// The protocol's name in results.
    public static let name = "onboarding"
    /// The share of the oracle's level a curve must reach for ``OnboardingSummary/reach``.
    public static let reachShare = 0.9

    /// The settings.
    public let config: OnboardingConfig
    /// The user partition.
    public let split: UserSplit
    /// What models may train on: the meta-train users' histories.
    public let training: TrainingSet
    /// Validation users' tasks: support the first largest-K interactions, query the rest.
    public let validationTasks: [UserTask]
    /// Test users with at least `max(K) + rounds` logged interactions, ascending.
    public let evaluatedUsers: [UserID]

    private let environment: any DriftEnvironment
    private let histories: [[Interaction]]
    private let itemCount: Int
    private let answers: RandomSource

    /// Prepares the protocol on a simulated world's `dataset`, answered by `environment`;
    /// the users' answers derive from `random`.
    ///
    /// `split`, when given, is the user partition — the cold-start protocol's, when the two
    /// protocols share its fitted model (`run(_:random:fitted:)`) and so evaluate the same
    /// test users; without it the protocol draws its own from `random`, with the fractions of
    /// `config`.
    public init(
        dataset: Dataset, environment: any DriftEnvironment, config: OnboardingConfig, random: RandomSource,
        split given: UserSplit? = nil
    ) {
        self.config = config
        self.environment = environment
        self.itemCount = dataset.itemCount
        self.answers = random.stream("respond")
        let split =
            given
            ?? UserSplit(userCount: dataset.userCount, fractions: config.split, random: random.stream("split"))
        self.split = split
        let histories = dataset.historiesByUser()
        self.histories = histories
        let largest = config.shots.max() ?? 0
        self.training = TrainingSet(
            dataset: dataset, users: split.train, histories: split.train.map { histories[$0.index] })
        self.validationTasks = split.validation.compactMap { user in
            let history = histories[user.index]
            guard history.count > largest else { return nil }
            return UserTask(
                user: user, support: Array(history.prefix(largest)), query: Array(history.dropFirst(largest)))
        }
        self.evaluatedUsers = split.test.filter { histories[$0.index].count >= largest + config.rounds }
    }

    /// The support `user` arrives with at `shots`: their first K logged interactions.
    public func support(of user: UserID, shots: Int) -> [Interaction] {
        Array(histories[user.index].prefix(shots))
    }

    /// The moments `user` is served, round by round: the times of their logged
    /// interactions after the largest K of the sweep.
    public func servingTimes(of user: UserID) -> [Int64] {
        histories[user.index].dropFirst(config.shots.max() ?? 0).prefix(config.rounds).map(\.time)
    }

    // MARK: - Running a model

    /// Fits `model` on the meta-train users (drawing from `cellRandom`'s stream
    /// `onboarding-fit`), then onboards every evaluated user at every K and summarizes each
    /// metric's curve. Intervals use streams of `cellRandom`.
    ///
    /// `fitted`, when given, is `model` already fitted on this protocol's meta-train users —
    /// by the cold-start protocol whose split it was made with — and is used instead of
    /// fitting again.
    /// - Throws: the model's errors; ``EvaluationError/noEvaluatedUsers(protocolName:reason:)``
    ///   when no test user has enough logged interactions.
    public func run(_ model: any Recommender, random cellRandom: RandomSource, fitted given: (any Recommender)? = nil)
        throws -> OnboardingOutcome
    {
        guard !evaluatedUsers.isEmpty else {
            throw EvaluationError.noEvaluatedUsers(
                protocolName: Self.name,
                reason:
                    "no test user has the \((config.shots.max() ?? 0) + config.rounds) logged interactions the largest K plus \(config.rounds) rounds need"
            )
        }
        let fitted = try given ?? fit(model, random: cellRandom)
        var measurements = [Measurement]()
        var summaries = [OnboardingSummary]()
        for shots in config.shots {
            let trace = try onboard(fitted, shots: shots)
            for (metricIndex, metric) in config.metrics.enumerated() {
                for round in 0..<config.rounds {
                    let values = zip(evaluatedUsers, trace.values[metricIndex]).compactMap { user, rounds in
                        rounds[round].map { UserValue(user: user, value: $0) }
                    }
                    guard
                        let measurement = Measurement.averaging(
                            values, metric: metric, protocolName: Self.name, segment: "all", shots: shots, window: nil,
                            round: round + 1,
                            resamples: config.bootstrapResamples,
                            random: cellRandom.stream("bootstrap/onboarding/\(shots)/\(round + 1)/\(metric)")
                        )
                    else { continue }
                    measurements.append(measurement)
                }
                summaries.append(
                    OnboardingCurve(
                        values: trace.values[metricIndex], oracle: trace.oracle[metricIndex],
                        higherIsBetter: metric.higherIsBetter
                    ).summary(
                        shots: shots, metric: metric, resamples: config.bootstrapResamples,
                        random: cellRandom.stream("bootstrap/onboarding-summary/\(shots)/\(metric)")
                    ))
            }
        }
        return OnboardingOutcome(measurements: measurements, summaries: summaries)
    }

    /// `model` fitted on the meta-train users, validation tasks given for tuning, drawing
    /// from `cellRandom`'s stream `onboarding-fit`.
    private func fit(_ model: any Recommender, random cellRandom: RandomSource) throws -> any Recommender {
        var fitted = model
        var fitRandom = cellRandom.stream("onboarding-fit")
        try fitted.fit(training, validation: validationTasks, random: &fitRandom)
        return fitted
    }

    /// Per metric, user and round: the model's value and the oracle's level (`nil` for a
    /// round the user could not be served, every item having been seen).
    struct Trace {
        var values: [[[Double?]]]
        var oracle: [[[Double?]]]
    }

    /// Serves every evaluated user `rounds` slates after adapting to K support interactions.
    private func onboard(_ model: any Recommender, shots: Int) throws -> Trace {
        let metrics = config.metrics
        let empty = [[Double?]](repeating: [Double?](repeating: nil, count: config.rounds), count: evaluatedUsers.count)
        var trace = Trace(
            values: Array(repeating: empty, count: metrics.count), oracle: Array(repeating: empty, count: metrics.count)
        )
        for (userIndex, user) in evaluatedUsers.enumerated() {
            let support = self.support(of: user, shots: shots)
            var personalized = try model.adapt(to: support, user: user)
            var seen = [Bool](repeating: false, count: itemCount)
            for interaction in support { seen[interaction.item.index] = true }
            let userAnswers = answers.stream(UInt64(user.rawValue))
            for (round, time) in servingTimes(of: user).enumerated() {
                let pool = environment.candidates(at: time).filter { !seen[$0.index] }
                guard !pool.isEmpty else { break }
                var random = userAnswers.stream(UInt64(round))
                let shown = try ServedSlate(
                    serving: personalized, model: model.name, user: user, pool: pool, at: time,
                    environment: environment,
                    slateSize: config.slateSize, metrics: metrics, answers: &random
                )
                for entry in shown.values {
                    guard let metricIndex = metrics.firstIndex(of: entry.metric) else { continue }
                    trace.values[metricIndex][userIndex][round] = entry.value
                    trace.oracle[metricIndex][userIndex][round] = shown.oracleLevel(of: entry.metric)
                }
                for item in shown.slate { seen[item.index] = true }
                if let response = shown.response { try personalized.observe([response]) }
            }
        }
        return trace
    }
}
