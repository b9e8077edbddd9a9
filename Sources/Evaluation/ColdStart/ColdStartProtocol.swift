import RecData
import Recommenders

/// The cold-start protocol: how well does a model serve users it has never seen, from K
/// of their interactions?
///
/// Users are split by seed into meta-train, validation and test. Models fit on the
/// meta-train users' full histories (validation tasks are given for tuning); test users'
/// data never reaches `fit`.
///
/// **A fixed query across K.** Each evaluated test user's history is cut once, after the
/// largest K of the sweep: what follows is the query set, which only the metrics see, and
/// is the same at every K; the support set of size K, given to `adapt`, is the first K of
/// the block before the cut (in time, or K drawn at random from the block —
/// `SupportSelection`). Every K is thus measured on the same users, the same query items
/// and the same serving moment, so a model that ignores its support gives a flat K-curve
/// and any slope is the support's doing. A test user is evaluated when their history holds
/// the largest K plus ``ColdStartConfig/minimumQuery`` interactions; the others are left
/// out at every K. A sweep that leaves no user to evaluate is an error, never an empty result.
///
/// **Ranking.** The full-catalog ranking is the default: the model scores every item the
/// user did not interact with before the query (the support block of the largest K, at
/// every K, so the candidates do not change with K either) — and, when items have lifespans (``ItemLifespans``: a simulated
/// news world's articles), alive at the moment the user is served (`UserTask/servedAt`);
/// relevant query items that are not candidates count for no one. An item is relevant when the user's query set holds it with a value
/// at or above the relevance threshold, graded as ``ColdStartConfig/relevance`` says.
/// Ties rank by the lower item id (``TopList``); AUC counts tied pairs one half. Sampled
/// rankings (``SampledRanking``) are reported beside it under their own protocol names,
/// with ranking-accuracy metrics only.
///
/// **Which users count.** Ranking-accuracy metrics average over users with at least one
/// relevant query item; rating metrics over users whose model predicts ratings (rating
/// feedback only); top-list and oracle metrics over every evaluated user. List-level
/// metrics are computed over every evaluated user's list, with n = users. Oracle metrics
/// need an oracle (simulated worlds) and are skipped without one.
///
/// **Model size.** A model that adapts parameters per user (`AdaptationFootprint`) also
/// gets an `adapted_parameters` row at every K, in the `all` segment.
///
/// **Cost.** With ``ColdStartConfig/measuresCost`` (scenario files always set it), every
/// model gets the price of adapting at every K, in the `all` segment
/// (`AdaptationCost`): `fit_seconds`, `adapt_ms_p50`/`_p95`, `score_ms_p50`/`_p95` (measured
/// wall times, which vary between runs), and `user_state_bytes` and `model_bytes` when
/// the model counts them.
///
/// **Segments.** Every figure is reported for `all` users and for each segment of
/// ``ColdStartConfig/segments`` (``UserSegments``).
///
/// **Partitions.** With ``ColdStartConfig/partitions``, a second copy of the model fits on
/// the data before a cut-off and is measured on MeLU's four partitions
/// (``ColdStartPartitions``), each under its own protocol name (``Partition/protocolName``)
/// with the same metrics and segments; the plain protocol's figures do not change. A user
/// two partitions serve with the same support set (an existing user in warm-state and
/// item-cold, a new user in user-cold and user-item-cold) is adapted once for both when
/// the model's adapted users are `ReusablePersonalized` (`SharedAdaptation`): the
/// figures are those of separate adaptations, bit for bit, and both partitions' `adapt_ms`
/// rows count that one measured adaptation. Likewise, at K = 0 a model that names the
/// profiles it serves alike when adapted to nothing (`EmptySupportProfiles`) is adapted
/// once per profile.
public struct ColdStartProtocol: Sendable {
    /// The protocol's name in results.
    public static let name = "cold-start"

    /// The settings.
    public let config: ColdStartConfig
    /// The user partition.
    public let split: UserSplit
    /// What models may train on: the meta-train users' histories.
    public let training: TrainingSet
    /// Tasks of the validation users at the largest K, for tuning and early stopping.
    public let validationTasks: [UserTask]
    /// Test users with at least `max(shots) + minimumQuery` interactions.
    public let evaluatedUsers: [UserID]
    /// MeLU's four partitions, when the settings ask for them.
    public let partitions: ColdStartPartitions?

    private let dataset: Dataset
    /// Each user's history in time order.
    private let histories: [[Interaction]]
    /// The largest K of the sweep: where every user's history is cut into support block and query.
    private let largestShots: Int
    private let selection: SupportSelection
    private let oracleUtility: ColdStartOracle?
    private let lifespans: ItemLifespans?
    private let archetypes: [Int]?
    private let negatives: RandomSource

    /// Prepares the protocol on `dataset`: splits users and orders each history.
    ///
    /// - Parameters:
    ///   - dataset: the users, items and log.
    ///   - config: the settings.
    ///   - random: the protocol's source; the split, support order and sampled negatives
    ///     derive from it, so they are the same for every model.
    ///   - oracleUtility: a simulated world's true utilities for a user at the moment they
    ///     are served, for the oracle-relative metrics; `nil` for real data.
    ///   - archetypes: each user's dominant hidden archetype, for the `archetype` segments;
    ///     `nil` for real data.
    ///   - itemIntroduction: when each item entered the catalog, for the partitions;
    ///     `nil` takes the item's first appearance in the log.
    ///   - itemLifespans: when each item can be recommended, for catalogs whose items
    ///     expire (news); `nil` when every item always can.
    public init(
        dataset: Dataset, config: ColdStartConfig, random: RandomSource,
        oracleUtility: ColdStartOracle? = nil, archetypes: [Int]? = nil,
        itemIntroduction: ItemIntroduction? = nil, itemLifespans: ItemLifespans? = nil
    ) {
        self.config = config
        self.dataset = dataset
        self.oracleUtility = oracleUtility
        self.lifespans = itemLifespans
        self.archetypes = archetypes
        self.negatives = random.stream("sampled-negatives")
        let split = UserSplit(userCount: dataset.userCount, fractions: config.split, random: random.stream("split"))
        self.split = split
        let chronological = dataset.historiesByUser()
        self.histories = chronological
        let largest = config.shots.max() ?? 0
        self.largestShots = largest
        let selection = SupportSelection(order: config.supportOrder, shuffling: random.stream("support-order"))
        self.selection = selection
        var training = TrainingSet(
            dataset: dataset, users: split.train, histories: split.train.map { chronological[$0.index] })
        training.chronologicalSupport = config.supportOrder == .chronological
        self.training = training
        let needed = largest + config.minimumQuery
        self.validationTasks = split.validation
            .filter { chronological[$0.index].count >= needed }
            .map {
                Self.task(
                    for: $0, history: chronological[$0.index], shots: largest, largest: largest, selection: selection)
            }
        self.evaluatedUsers = split.test.filter { chronological[$0.index].count >= needed }
        self.partitions = config.partitions.map { partitionConfig in
            ColdStartPartitions(
                dataset: dataset, config: partitionConfig, split: split, chronological: chronological,
                selection: selection,
                introduction: itemIntroduction ?? .firstSeen(in: dataset), largestShots: largest,
                validationQuery: config.minimumQuery
            )
        }
    }

    /// The evaluated users' tasks at support size `shots`: the query is the same for every K.
    public func tasks(shots: Int) -> [UserTask] {
        evaluatedUsers.map {
            Self.task(for: $0, history: histories[$0.index], shots: shots, largest: largestShots, selection: selection)
        }
    }

    private static func task(
        for user: UserID, history: [Interaction], shots: Int, largest: Int, selection: SupportSelection
    ) -> UserTask {
        UserTask(
            user: user, support: selection.support(shots, of: Array(history.prefix(largest)), user: user),
            query: Array(history.dropFirst(largest))
        )
    }

    // MARK: - Running a model

    /// Fits `model` on the training users, then measures `metrics` for every K; with
    /// partitions, fits a second copy on the data before the cut-off and measures each
    /// partition too.
    ///
    /// Confidence intervals use streams of `random`.
    /// - Throws: the model's errors, ``EvaluationError`` for wrong score counts, an
    ///   unknown segment, or no user to evaluate.
    ///
    /// `fitted`, when given, is `model` already fitted by ``fit(_:random:)`` with the same
    /// `random` (or by a protocol that ``fitsLike(_:)`` this one), and is used instead of
    /// fitting again.
    public func run(_ model: any Recommender, metrics: [Metric], random: RandomSource, fitted given: Fit? = nil)
        throws -> [Measurement]
    {
        guard !evaluatedUsers.isEmpty else {
            throw EvaluationError.noEvaluatedUsers(
                protocolName: Self.name,
                reason:
                    "none of the \(split.test.count) test users has the \(largestShots + config.minimumQuery) interactions that the largest K (\(largestShots)) "
                    + "plus \(config.minimumQuery) query interactions need; lower the shots or simulate longer histories"
            )
        }
        let segments = try userSegments(of: evaluatedUsers)
        let fit = try given ?? self.fit(model, random: random)
        let fitted = fit.model
        var measurements = try measure(
            fitted, fitSeconds: fit.seconds, seen: training,
            rankings: [
                MeasuredRanking(
                    protocolName: Self.name, catalog: dataset.allItems, segments: segments,
                    sampledRankings: config.sampledRankings, tasks: tasks(shots:))
            ],
            metrics: metrics, random: random
        )
        measurements += try validationMeasurements(fitted, metrics: metrics, random: random)
        guard let partitions else { return measurements }
        var partitioned = model
        var partitionRandom = random.stream("fit-partitions")
        let partitionFitSeconds = try Self.timed {
            try partitioned.fit(partitions.training, validation: partitions.validationTasks, random: &partitionRandom)
        }
        let rankings = try Partition.allCases.map { partition in
            MeasuredRanking(
                protocolName: partition.protocolName, catalog: partitions.catalog(partition),
                segments: try userSegments(of: partitions.evaluatedUsers[partition] ?? []), sampledRankings: []
            ) { partitions.tasks(partition, shots: $0) }
        }
        return try measurements
            + measure(
                partitioned, fitSeconds: partitionFitSeconds, seen: partitions.training, rankings: rankings,
                metrics: metrics, random: random)
    }

    /// A model fitted on the protocol's meta-train users, with the fit's wall seconds.
    public struct Fit {
        /// The fitted model.
        public let model: any Recommender
        /// The fit's wall time, in seconds.
        public let seconds: Double
    }

    /// Fits `model` on the meta-train users (validation tasks given for tuning), drawing
    /// from `random`'s stream `fit`.
    /// - Throws: the model's errors.
    public func fit(_ model: any Recommender, random: RandomSource) throws -> Fit {
        var fitted = model
        var fitRandom = random.stream("fit")
        let seconds = try Self.timed { try fitted.fit(training, validation: validationTasks, random: &fitRandom) }
        return Fit(model: fitted, seconds: seconds)
    }

    /// Whether a model fitted by this protocol is the one `other` would fit, with the same
    /// random source, on the same dataset: the same meta-train users, validation tasks and
    /// support order. Then one fit serves both.
    public func fitsLike(_ other: ColdStartProtocol) -> Bool {
        split.train == other.split.train && validationTasks == other.validationTasks
            && training.chronologicalSupport == other.training.chronologicalSupport
    }

    /// The wall time of `body`, in seconds.
    private static func timed(_ body: () throws -> Void) rethrows -> Double {
        let started = ContinuousClock.now
        try body()
        return AdaptationCost.seconds(since: started)
    }

    /// The segment of the figures measured on the validation users.
    public static let validationSegment = "validation"

    /// The fitted model's figures on the validation users at the largest K, in segment
    /// ``validationSegment`` without per-user values: what the reference model is chosen
    /// on, so that the choice never looks at the test users it is compared on.
    private func validationMeasurements(_ fitted: any Recommender, metrics: [Metric], random: RandomSource) throws
        -> [Measurement]
    {
        guard config.measuresValidation, !validationTasks.isEmpty else { return [] }
        let segments = try UserSegments(
            users: validationTasks.map(\.user), breakdowns: [], features: dataset.users,
            activity: histories.map(\.count)
        )
        let ranking = MeasuredRanking(
            protocolName: Self.name, catalog: dataset.allItems, segments: segments, sampledRankings: []
        ) { _ in validationTasks }
        return try measure(
            fitted, fitSeconds: 0, seen: training, rankings: [ranking], metrics: metrics,
            random: random.stream(Self.validationSegment), shots: [largestShots]
        )
        .filter { $0.metric.family != .modelSize && $0.metric.family != .cost }
        .map { measurement in
            Measurement(
                protocolName: measurement.protocolName, segment: Self.validationSegment, shots: measurement.shots,
                window: nil, metric: measurement.metric, value: measurement.value, ciLow: measurement.ciLow,
                ciHigh: measurement.ciHigh, perUser: [], n: measurement.n
            )
        }
    }

    private func userSegments(of users: [UserID]) throws -> UserSegments {
        try UserSegments(
            users: users, breakdowns: config.segments, features: dataset.users,
            activity: histories.map(\.count), archetypes: archetypes
        )
    }

    /// One ranking a run measures: the plain protocol's whole catalogue, or a partition's
    /// item kind for its users.
    private struct MeasuredRanking {
        /// The name its rows carry.
        let protocolName: String
        /// The items ranked, less each user's support items.
        let catalog: [ItemID]
        let segments: UserSegments
        let sampledRankings: [SampledRanking]
        /// The users' tasks at each support size.
        let tasks: (Int) -> [UserTask]
    }

    /// Measures a fitted model on the tasks of every K of each ranking, each ranking's
    /// `catalog` less the support items; novelty counts popularity in `seen`, what the
    /// model trained on. The model's cost rows take `fitSeconds` as its fit time. A user
    /// that several rankings give the same support set is adapted once for all of them
    /// when the model allows it (`SharedAdaptation`); the rows come ranking by ranking.
    private func measure(
        _ fitted: any Recommender, fitSeconds: Double, seen: TrainingSet, rankings: [MeasuredRanking],
        metrics: [Metric], random: RandomSource, shots sweep: [Int]? = nil
    ) throws -> [Measurement] {
        let evaluators = rankings.map {
            evaluator(catalog: $0.catalog, sampledRankings: $0.sampledRankings, metrics: metrics, seen: seen)
        }
        let aggregators = rankings.map {
            MeasurementAggregator(
                protocolName: $0.protocolName, segments: $0.segments, catalogSize: $0.catalog.count,
                resamples: config.bootstrapResamples, random: random
            )
        }
        let consumed = rankings.map { $0.tasks(largestShots).map(\.support) }
        var rows = [[Measurement]](repeating: [], count: rankings.count)
        for shots in sweep ?? config.shots {
            var costs = rankings.map { _ in AdaptationCost(fitSeconds: fitSeconds, model: fitted) }
            let outcomes = try SharedAdaptation.outcomes(
                of: fitted,
                on: rankings.indices.map {
                    SharedAdaptation.Ranking(
                        evaluator: evaluators[$0], tasks: rankings[$0].tasks(shots), consumed: consumed[$0])
                },
                costs: &costs)
            for (index, ranking) in rankings.enumerated() {
                rows[index] += measurements(
                    shots: shots, outcomes: outcomes[index], aggregator: aggregators[index], cost: costs[index],
                    ranking: ranking, fitted: fitted, metrics: metrics)
            }
        }
        return rows.flatMap { $0 }
    }

    /// One ranking's rows at support size `shots`: its figures, its cost and the model's
    /// adapted parameters.
    private func measurements(
        shots: Int, outcomes: [UserOutcome], aggregator: MeasurementAggregator, cost: AdaptationCost,
        ranking: MeasuredRanking, fitted: any Recommender, metrics: [Metric]
    ) -> [Measurement] {
        var measurements = aggregator.measurements(
            shots: shots, outcomes: outcomes, metrics: metrics, sampled: ranking.sampledRankings)
        if config.measuresCost { measurements += cost.measurements(protocolName: ranking.protocolName, shots: shots) }
        if let count = (fitted as? any AdaptationFootprint)?.adaptedParameterCount {
            let value = Double(count)
            measurements.append(
                Measurement(
                    protocolName: ranking.protocolName, segment: UserSegments.all, shots: shots, window: nil,
                    metric: .adaptedParameters,
                    value: value, ciLow: value, ciHigh: value, perUser: [], n: outcomes.count
                ))
        }
        return measurements
    }

    /// The evaluator of `metrics` ranking `catalog`, novelty counting popularity in `seen`.
    private func evaluator(catalog: [ItemID], sampledRankings: [SampledRanking], metrics: [Metric], seen: TrainingSet)
        -> UserEvaluator
    {
        UserEvaluator(
            dataset: dataset, config: config, catalog: catalog, sampledRankings: sampledRankings, metrics: metrics,
            popularity: ItemPopularity(histories: seen.histories, itemCount: dataset.itemCount),
            features: ItemFeatureVectors(table: dataset.items),
            oracleUtility: oracleUtility, lifespans: lifespans, negatives: negatives
        )
    }

    // MARK: - Outcomes for other protocols

    /// Each evaluated user's outcome at support size `shots` for a model already fitted
    /// elsewhere, the whole catalog ranked as ``run(_:metrics:random:)`` ranks it; novelty
    /// counts popularity in `seen`, what the model trained on. The transfer protocol measures
    /// a model fitted on another population's users this way.
    func outcomes(of fitted: any Recommender, shots: Int, metrics: [Metric], seen: TrainingSet) throws -> [UserOutcome]
    {
        let evaluator = evaluator(catalog: dataset.allItems, sampledRankings: [], metrics: metrics, seen: seen)
        let consumed = tasks(shots: largestShots).map(\.support)
        return try zip(tasks(shots: shots), consumed).map { task, consumed in
            let personalized = try fitted.adapt(to: task.support, user: task.user)
            return try evaluator.evaluate(task, consumed: consumed, model: fitted.name, personalized: personalized)
        }
    }
}
