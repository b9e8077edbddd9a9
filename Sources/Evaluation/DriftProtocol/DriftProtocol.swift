import RecData
import Recommenders

/// The drift protocol: how well does a model keep up when tastes and catalogs shift?
///
/// The world's clock is cut at `warmup`: models fit on what the meta-train users logged
/// before it, and each test user's model is adapted to that user's own earlier history.
/// The rest of the clock is cut into windows. In each window every served test user (those
/// the log shows active then, at most `maxUsersPerWindow`, drawn by seed) is shown a slate of
/// the model's best unseen items; the world answers through its time-aware oracle, and the
/// model observes the answer (online adaptation) — or, every `retrainEvery` windows, is refit
/// on everything logged so far; a model with continual meta-updates
/// (`ContinualMetaLearning`, `meta_update: online`) also takes its outer steps on the
/// window's feedback after it, and its users are adapted anew. Per-window metrics compare the slates with the oracle's best
/// at that moment; the summary of each metric's curve gives its level before each shift, the
/// depth of the dip after it, the windows until it recovers to 90 % of its earlier level,
/// and the cumulative regret against the oracle's curve.
///
/// The world's answers are drawn from streams of the protocol's seed, the window and the
/// user, so every model faces the same chance events (common random numbers), which makes
/// paired comparisons between models sharper.
///
/// **Real logs (``DriftSource/replay``).** A real dataset has no oracle to answer slates,
/// and a replay must not invent answers; showing a slate and treating the logged choices
/// as answers to it would credit whatever the logging system showed. So replay is an
/// offline temporal evaluation instead (the "replay the log in time order" protocol of
/// Li et al., WSDM 2011, without its rejection sampling, as in time-aware evaluation
/// surveys — Campos, Díez & Cantador, UMUAI 24, 2014): the clock runs from the first to
/// the last logged interaction; in each window every served test user's model ranks the
/// whole catalog minus what the user consumed before the window, is scored with
/// ranking-accuracy metrics against the items the user really interacted with in the
/// window (held out until then, every interaction relevant), and then observes those
/// interactions — or is refit on schedule on everything logged before the window. Before
/// ranking, a model first observes what its user did in earlier windows it was not served
/// in, so it always knows the user's whole past. There are no shifts and no oracle curve.
public struct DriftProtocol: Sendable {
    /// The protocol's name in results.
    public static let name = "drift"

    /// The settings.
    public let config: DriftConfig
    /// The user partition.
    public let split: UserSplit
    /// The evaluation windows, in time order.
    public let windows: [Range<Int64>]
    /// The first window under each recorded shift that falls in the evaluated period.
    public let shiftWindows: [Int]
    /// The labels of those shifts, aligned with `shiftWindows`.
    public let shiftLabels: [String]
    /// The continuous processes of the world (and bursts below the event size), reported
    /// as the slope of each model's gap to the oracle rather than as dips.
    public let continuousProcesses: [String]
    /// What models may train on at the start: the meta-train users' histories before the
    /// first window.
    public let training: TrainingSet
    /// Validation users' tasks from their histories before the first window.
    public let validationTasks: [UserTask]

    let source: DriftSource
    let dataset: Dataset
    let histories: [[Interaction]]
    let start: Int64
    let served: [[UserID]]
    private let random: RandomSource

    /// Most support interactions a test user's model is adapted to (the latest ones).
    public static let supportLimit = 50

    /// Prepares the protocol on `dataset`, answered by `environment`.
    public init(dataset: Dataset, environment: any DriftEnvironment, config: DriftConfig, random: RandomSource) {
        self.init(dataset: dataset, source: .simulated(environment), config: config, random: random)
    }

    /// Prepares the protocol on a real `dataset`, replaying its log (see the type's notes).
    public init(replaying dataset: Dataset, config: DriftConfig, random: RandomSource) {
        self.init(dataset: dataset, source: .replay, config: config, random: random)
    }

    private init(dataset: Dataset, source: DriftSource, config: DriftConfig, random: RandomSource) {
        self.config = config
        self.dataset = dataset
        self.source = source
        self.random = random
        let split = UserSplit(userCount: dataset.userCount, fractions: config.split, random: random.stream("split"))
        self.split = split
        let histories = dataset.historiesByUser()
        self.histories = histories
        let clock = source.clock(of: dataset)
        let end = max(clock.upperBound, clock.lowerBound + 1)
        let start = clock.lowerBound + Int64(Double(end - clock.lowerBound) * config.warmup)
        self.start = start
        let count = max(config.windows, 1)
        let length = max((end - start) / Int64(count), 1)
        self.windows = (0..<count).map { index in
            let lower = start + Int64(index) * length
            return lower..<(index == count - 1 ? max(end, lower + 1) : lower + length)
        }
        var shiftWindows = [Int]()
        var shiftLabels = [String]()
        var continuous = [String]()
        var backgroundBursts = 0
        for event in source.shiftEvents {
            switch event.change {
            case .continuous:
                if !continuous.contains(event.label) { continuous.append(event.label) }
                continue
            case let .burst(lift) where lift < config.eventBurstLift:
                backgroundBursts += 1
                continue
            case .sudden, .burst:
                break
            }
            guard let window = windows.firstIndex(where: { $0.contains(event.time) }) else { continue }
            if let last = shiftWindows.last, last == window {
                shiftLabels[shiftLabels.count - 1] += "; \(event.label)"
            } else {
                shiftWindows.append(window)
                shiftLabels.append(event.label)
            }
        }
        if backgroundBursts > 0 {
            continuous.append(
                "\(backgroundBursts) bursts with a lift below \(config.eventBurstLift), counted as continuous background"
            )
        }
        self.shiftWindows = shiftWindows
        self.continuousProcesses = continuous
        self.shiftLabels = shiftLabels
        let before = { (user: UserID) in histories[user.index].filter { $0.time < start } }
        self.training = TrainingSet(dataset: dataset, users: split.train, histories: split.train.map(before))
        self.validationTasks = split.validation.compactMap { user in
            let history = before(user)
            guard history.count >= 4 else { return nil }
            let cut = history.count / 2
            return UserTask(user: user, support: Array(history.prefix(cut)), query: Array(history.dropFirst(cut)))
        }
        self.served = windows.enumerated().map { index, window in
            var active = split.test.filter { user in histories[user.index].contains { window.contains($0.time) } }
            if active.count > config.maxUsersPerWindow {
                var generator = random.stream("served/\(index)")
                generator.shuffle(&active)
                active = Array(active.prefix(config.maxUsersPerWindow)).sorted()
            }
            return active
        }
    }

    /// The test users served in window `index`.
    public func servedUsers(inWindow index: Int) -> [UserID] {
        served[index]
    }

    // MARK: - Running a model

    /// Fits `model`, then serves every window, letting the model observe the world's
    /// answers, and measures the configured metrics per window; `retrainEvery`, when given,
    /// replaces the settings' refit schedule for this model.
    public func run(_ model: any Recommender, random cellRandom: RandomSource, retrainEvery: Int? = nil) throws
        -> DriftOutcome
    {
        let retrainEvery = retrainEvery ?? config.retrainEvery
        var fitted = model
        var fitRandom = cellRandom.stream("drift-fit")
        try fitted.fit(training, validation: validationTasks, random: &fitRandom)
        var state = ServingState()
        var measurements = [Measurement]()
        var oracleCurves = [Metric: [Double]]()
        var curves = [Metric: [Double]]()
        for (index, window) in windows.enumerated() {
            if retrainEvery > 0, index > 0, index % retrainEvery == 0 {
                var refitRandom = cellRandom.stream("drift-refit/\(index)")
                try fitted.fit(
                    trainingSet(before: window.lowerBound, collected: state.collected), validation: validationTasks,
                    random: &refitRandom)
                state.personalized.removeAll()
            }
            let outcome: WindowValues
            switch source {
            case let .simulated(environment):
                outcome = try serve(
                    windowIndex: index, window: window, model: fitted, environment: environment, state: &state)
            case .replay:
                outcome = try replay(windowIndex: index, window: window, model: fitted, state: &state)
            }
            if var continual = fitted as? any ContinualMetaLearning, continual.updatesOnline {
                try continual.metaUpdate(
                    on: feedbackTasks(windowIndex: index, window: window, collected: state.collected),
                    random: cellRandom.stream("meta-update/\(index)"))
                fitted = continual
                state.personalized.removeAll()
            }
            for metric in config.metrics {
                let values = outcome.values[metric] ?? []
                guard
                    let measurement = Measurement.averaging(
                        values, metric: metric, protocolName: Self.name, segment: UserSegments.all, shots: nil,
                        window: index,
                        resamples: config.bootstrapResamples,
                        random: cellRandom.stream("bootstrap/drift/\(index)/\(metric)")
                    )
                else { continue }
                measurements.append(measurement)
                curves[metric, default: []].append(measurement.value)
                if let oracle = outcome.oracle[metric] { oracleCurves[metric, default: []].append(oracle) }
            }
        }
        let summaries = config.metrics.compactMap { metric -> (Metric, DriftSummary, [Double])? in
            guard let curve = curves[metric], curve.count == windows.count else { return nil }
            let oracle = oracleCurves[metric].flatMap { $0.count == curve.count ? $0 : nil }
            let summary = DriftSummary(
                curve: curve, shifts: shiftWindows, oracle: oracle, higherIsBetter: metric.higherIsBetter)
            return (metric, summary, oracle ?? [])
        }
        return DriftOutcome(
            measurements: measurements, summaries: summaries, shiftWindows: shiftWindows, shiftLabels: shiftLabels,
            continuousProcesses: continuousProcesses
        )
    }

    // MARK: - Serving

    struct ServingState {
        var personalized: [UserID: any Personalized] = [:]
        var consumed: [UserID: Set<ItemID>] = [:]
        var collected: [UserID: [Interaction]] = [:]
        /// Replay: the time up to which each user's model has observed the log.
        var observedUntil: [UserID: Int64] = [:]
    }

    struct WindowValues {
        var values: [Metric: [UserValue]] = [:]
        var oracle: [Metric: Double] = [:]
    }

    private func serve(
        windowIndex: Int, window: Range<Int64>, model: any Recommender, environment: any DriftEnvironment,
        state: inout ServingState
    ) throws -> WindowValues {
        let time = window.lowerBound + (window.upperBound - window.lowerBound) / 2
        let candidates = environment.candidates(at: time)
        var result = WindowValues()
        var oracleAcceptance = 0.0
        let users = served[windowIndex]
        for user in users {
            var personalized =
                try state.personalized[user]
                ?? model.adapt(to: support(of: user, collected: state.collected[user]), user: user)
            let consumed = state.consumed[user] ?? Set(histories[user.index].filter { $0.time < start }.map(\.item))
            let pool = candidates.filter { !consumed.contains($0) }
            guard !pool.isEmpty else { continue }
            var answers = random.stream("respond/\(windowIndex)").stream(UInt64(user.rawValue))
            let shown = try ServedSlate(
                serving: personalized, model: model.name, user: user, pool: pool, at: time, environment: environment,
                slateSize: config.slateSize, metrics: config.metrics, answers: &answers
            )
            for (metric, value) in shown.values {
                result.values[metric, default: []].append(UserValue(user: user, value: value))
            }
            oracleAcceptance += shown.oracleAcceptance
            var seen = consumed
            if let response = shown.response {
                try personalized.observe([response])
                seen.insert(response.item)
                state.collected[user, default: []].append(response)
            }
            state.consumed[user] = seen
            state.personalized[user] = personalized
        }
        for metric in config.metrics {
            switch metric {
            case .hitRate: result.oracle[metric] = users.isEmpty ? 0 : oracleAcceptance / Double(users.count)
            case .oracleNDCG, .oracleShare: result.oracle[metric] = 1
            default: result.oracle[metric] = 0
            }
        }
        return result
    }

    /// A test user's support: the latest of their logged interactions before the first
    /// window, then what they answered since.
    func support(of user: UserID, collected: [Interaction]?) -> [Interaction] {
        let logged = histories[user.index].filter { $0.time < start }.suffix(Self.supportLimit)
        return Array(logged) + (collected ?? [])
    }

    /// Tasks for a continual meta-update after window `windowIndex`: for each user served
    /// in it, the support is what the user did before the window, the query what the user
    /// answered (or, replaying, did) in it.
    func feedbackTasks(windowIndex: Int, window: Range<Int64>, collected: [UserID: [Interaction]]) -> [UserTask] {
        served[windowIndex].compactMap { user in
            let answers = (collected[user] ?? []).filter { window.contains($0.time) }
            guard !answers.isEmpty else { return nil }
            let before = (collected[user] ?? []).filter { $0.time < window.lowerBound }
            return UserTask(user: user, support: support(of: user, collected: before), query: answers)
        }
    }

    /// Everything logged before `time` by meta-train users, plus the test users' answers
    /// collected so far, for a scheduled refit.
    private func trainingSet(before time: Int64, collected: [UserID: [Interaction]]) -> TrainingSet {
        let trainUsers = split.train
        var users = trainUsers
        var sets = trainUsers.map { user in histories[user.index].filter { $0.time < time } }
        for user in collected.keys.sorted() {
            users.append(user)
            sets.append(support(of: user, collected: collected[user]))
        }
        return TrainingSet(dataset: dataset, users: users, histories: sets)
    }
}
