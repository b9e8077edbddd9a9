import RecData
import Recommenders

/// The cold-start protocol: how well does a model serve users it has never seen, from K
/// of their interactions?
///
/// Users are split by seed into meta-train, validation and test. Models fit on the
/// meta-train users' full histories (validation tasks are given for tuning); test users'
/// data never reaches `fit`. For each K of the sweep, every evaluated test user's first K
/// interactions (in time, or at random) are the support set given to `adapt`, and the rest
/// is the query set, which only the metrics see. Every K is measured on the same users.
///
/// **Ranking.** The full-catalog ranking is the default: the model scores every item not
/// in the support set — and, when items have lifespans (``ItemLifespans``: a simulated
/// news world's articles), alive at the moment the user is served (``UserTask/servedAt``);
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
/// **Model size.** A model that adapts parameters per user (``AdaptationFootprint``) also
/// gets an `adapted_parameters` row at every K, in the `all` segment.
///
/// **Segments.** Every figure is reported for `all` users and for each segment of
/// ``ColdStartConfig/segments`` (``UserSegments``).
///
/// **Partitions.** With ``ColdStartConfig/partitions``, a second copy of the model fits on
/// the data before a cut-off and is measured on MeLU's four partitions
/// (``ColdStartPartitions``), each under its own protocol name (``Partition/protocolName``)
/// with the same metrics and segments; the plain protocol's figures do not change.
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
    private let orderedHistories: [[Interaction]]
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
        var histories = chronological
        if config.supportOrder == .random {
            let shuffling = random.stream("support-order")
            for user in histories.indices {
                var generator = shuffling.stream(UInt64(user))
                generator.shuffle(&histories[user])
            }
        }
        self.orderedHistories = histories
        var training = TrainingSet(dataset: dataset, users: split.train, histories: split.train.map { chronological[$0.index] })
        training.chronologicalSupport = config.supportOrder == .chronological
        self.training = training
        let largest = config.shots.max() ?? 0
        let needed = largest + config.minimumQuery
        self.validationTasks = split.validation
            .filter { histories[$0.index].count >= needed }
            .map { Self.task(for: $0, history: histories[$0.index], shots: largest) }
        self.evaluatedUsers = split.test.filter { histories[$0.index].count >= needed }
        self.partitions = config.partitions.map { partitionConfig in
            ColdStartPartitions(
                dataset: dataset, config: partitionConfig, split: split, chronological: chronological, ordered: histories,
                introduction: itemIntroduction ?? .firstSeen(in: dataset), largestShots: largest, validationQuery: config.minimumQuery
            )
        }
    }

    /// The evaluated users' tasks at support size `shots`.
    public func tasks(shots: Int) -> [UserTask] {
        evaluatedUsers.map { Self.task(for: $0, history: orderedHistories[$0.index], shots: shots) }
    }

    private static func task(for user: UserID, history: [Interaction], shots: Int) -> UserTask {
        UserTask(user: user, support: Array(history.prefix(shots)), query: Array(history.dropFirst(shots)))
    }

    // MARK: - Running a model

    /// Fits `model` on the training users, then measures `metrics` for every K; with
    /// partitions, fits a second copy on the data before the cut-off and measures each
    /// partition too.
    ///
    /// Confidence intervals use streams of `random`.
    /// - Throws: the model's errors, ``EvaluationError`` for wrong score counts, an
    ///   unknown segment, or no user to evaluate.
    public func run(_ model: any Recommender, metrics: [Metric], random: RandomSource) throws -> [Measurement] {
        guard !evaluatedUsers.isEmpty else {
            let needed = (config.shots.max() ?? 0) + config.minimumQuery
            throw EvaluationError.noEvaluatedUsers(
                protocolName: Self.name,
                reason: "none of the \(split.test.count) test users has the \(needed) interactions that the largest K (\(config.shots.max() ?? 0)) "
                    + "plus \(config.minimumQuery) query interactions need; lower the shots or simulate longer histories"
            )
        }
        let segments = try userSegments(of: evaluatedUsers)
        var fitted = model
        var fitRandom = random.stream("fit")
        try fitted.fit(training, validation: validationTasks, random: &fitRandom)
        var measurements = try measure(
            fitted, seen: training, catalog: dataset.allItems, segments: segments, protocolName: Self.name,
            sampledRankings: config.sampledRankings, metrics: metrics, random: random, tasks: tasks(shots:)
        )
        guard let partitions else { return measurements }
        var partitioned = model
        var partitionRandom = random.stream("fit-partitions")
        try partitioned.fit(partitions.training, validation: partitions.validationTasks, random: &partitionRandom)
        for partition in Partition.allCases {
            measurements += try measure(
                partitioned, seen: partitions.training, catalog: partitions.catalog(partition),
                segments: userSegments(of: partitions.evaluatedUsers[partition] ?? []), protocolName: partition.protocolName,
                sampledRankings: [], metrics: metrics, random: random
            ) { partitions.tasks(partition, shots: $0) }
        }
        return measurements
    }

    private func userSegments(of users: [UserID]) throws -> UserSegments {
        try UserSegments(
            users: users, breakdowns: config.segments, features: dataset.users,
            activity: orderedHistories.map(\.count), archetypes: archetypes
        )
    }

    /// Measures a fitted model on the tasks of every K, ranking `catalog` less the support
    /// items; novelty counts popularity in `seen`, what the model trained on.
    private func measure(
        _ fitted: any Recommender, seen: TrainingSet, catalog: [ItemID], segments: UserSegments, protocolName: String,
        sampledRankings: [SampledRanking], metrics: [Metric], random: RandomSource, tasks: (Int) -> [UserTask]
    ) throws -> [Measurement] {
        let evaluator = UserEvaluator(
            dataset: dataset, config: config, catalog: catalog, sampledRankings: sampledRankings, metrics: metrics,
            popularity: ItemPopularity(histories: seen.histories, itemCount: dataset.itemCount),
            features: ItemFeatureVectors(table: dataset.items),
            oracleUtility: oracleUtility, lifespans: lifespans, negatives: negatives
        )
        let aggregator = MeasurementAggregator(
            protocolName: protocolName, segments: segments, catalogSize: catalog.count,
            resamples: config.bootstrapResamples, random: random
        )
        var measurements = [Measurement]()
        for shots in config.shots {
            let outcomes = try tasks(shots).map { task in
                let personalized = try fitted.adapt(to: task.support, user: task.user)
                return try evaluator.evaluate(task, model: fitted.name, personalized: personalized)
            }
            measurements += aggregator.measurements(shots: shots, outcomes: outcomes, metrics: metrics, sampled: sampledRankings)
            if let count = (fitted as? any AdaptationFootprint)?.adaptedParameterCount {
                let value = Double(count)
                measurements.append(Measurement(
                    protocolName: protocolName, segment: UserSegments.all, shots: shots, window: nil, metric: .adaptedParameters,
                    value: value, ciLow: value, ciHigh: value, perUser: [], n: outcomes.count
                ))
            }
        }
        return measurements
    }
}
