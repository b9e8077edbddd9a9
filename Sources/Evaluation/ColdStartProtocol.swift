import RecData
import Recommenders

/// The cold-start protocol: how well does a model serve users it has never seen, from K
/// of their interactions?
///
/// Users are split by seed into meta-train, validation and test. Models fit on the
/// meta-train users' full histories (validation tasks are given for tuning). For each K of
/// the sweep, every evaluated test user's first K interactions (in time, or at random) are
/// the support set and the rest is the query set. Ranking is over the full catalog minus
/// the support items; an item is relevant when the user's query set holds it with a value
/// at or above the relevance threshold. Every K is measured on the same users.
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

    private let dataset: Dataset
    private let orderedHistories: [[Interaction]]

    /// Prepares the protocol on `dataset`: splits users and orders each history.
    public init(dataset: Dataset, config: ColdStartConfig, random: RandomSource) {
        self.config = config
        self.dataset = dataset
        let split = UserSplit(userCount: dataset.userCount, fractions: config.split, random: random.stream("split"))
        self.split = split
        var histories = dataset.historiesByUser()
        if config.supportOrder == .random {
            let shuffling = random.stream("support-order")
            for user in histories.indices {
                var generator = shuffling.stream(UInt64(user))
                generator.shuffle(&histories[user])
            }
        }
        self.orderedHistories = histories
        self.training = TrainingSet(dataset: dataset, users: split.train, histories: split.train.map { histories[$0.index] })
        let largest = config.shots.max() ?? 0
        let needed = largest + config.minimumQuery
        self.validationTasks = split.validation
            .filter { histories[$0.index].count >= needed }
            .map { Self.task(for: $0, history: histories[$0.index], shots: largest) }
        self.evaluatedUsers = split.test.filter { histories[$0.index].count >= needed }
    }

    /// The evaluated users' tasks at support size `shots`.
    public func tasks(shots: Int) -> [UserTask] {
        evaluatedUsers.map { Self.task(for: $0, history: orderedHistories[$0.index], shots: shots) }
    }

    private static func task(for user: UserID, history: [Interaction], shots: Int) -> UserTask {
        UserTask(user: user, support: Array(history.prefix(shots)), query: Array(history.dropFirst(shots)))
    }

    // MARK: - Running a model

    /// Fits `model` on the training users, then measures `metrics` for every K.
    ///
    /// Rating metrics are skipped for implicit feedback and for models that do not
    /// predict ratings. Confidence intervals use streams of `random`.
    public func run(_ model: any Recommender, metrics: [Metric], random: RandomSource) throws -> [Measurement] {
        var fitted = model
        var fitRandom = random.stream("fit")
        try fitted.fit(training, validation: validationTasks, random: &fitRandom)
        var measurements = [Measurement]()
        for shots in config.shots {
            let values = try perUserValues(of: fitted, shots: shots, metrics: metrics)
            for metric in metrics {
                guard let userValues = values[metric] else { continue }
                let plain = userValues.map(\.value)
                let mean = plain.isEmpty ? 0 : plain.reduce(0, +) / Double(plain.count)
                let interval = Bootstrap.meanInterval(
                    of: plain, resamples: config.bootstrapResamples,
                    random: random.stream("bootstrap/\(shots)/\(metric)")
                )
                measurements.append(Measurement(
                    protocolName: Self.name, segment: "all", shots: shots, window: nil, metric: metric,
                    value: mean, ciLow: interval.low, ciHigh: interval.high, perUser: userValues
                ))
            }
        }
        return measurements
    }

    private func perUserValues(of model: any Recommender, shots: Int, metrics: [Metric]) throws -> [Metric: [UserValue]] {
        let rankingMetrics = metrics.filter(\.isRanking)
        let ratingMetrics = dataset.feedback.hasRatings ? metrics.filter { !$0.isRanking } : []
        let depth = rankingMetrics.map(Self.cutoff).max() ?? 0
        var values = [Metric: [UserValue]]()
        let catalog = dataset.allItems
        for task in tasks(shots: shots) {
            let personalized = try model.adapt(to: task.support, user: task.user)
            if depth > 0 {
                let supportItems = Set(task.support.map(\.item))
                let candidates = catalog.filter { !supportItems.contains($0) }
                let scores = personalized.scores(for: candidates)
                guard scores.count == candidates.count else {
                    throw EvaluationError.wrongScoreCount(model: model.name, expected: candidates.count, received: scores.count)
                }
                let relevant = Set(task.query.filter(isRelevant).map(\.item))
                if !relevant.isEmpty {
                    let hits = TopList.best(depth, of: candidates, scores: scores).map(relevant.contains)
                    for metric in rankingMetrics {
                        let value = Self.rankingValue(metric, hits: hits, relevantCount: relevant.count)
                        values[metric, default: []].append(UserValue(user: task.user, value: value))
                    }
                }
            }
            guard !ratingMetrics.isEmpty, !task.query.isEmpty,
                  let predicted = personalized.predictedRatings(for: task.query.map(\.item)) else { continue }
            guard predicted.count == task.query.count else {
                throw EvaluationError.wrongRatingCount(model: model.name, expected: task.query.count, received: predicted.count)
            }
            let observed = task.query.map(\.value)
            for metric in ratingMetrics {
                let value = metric == .mae
                    ? RatingMetrics.meanAbsoluteError(predicted: predicted, observed: observed)
                    : RatingMetrics.rootMeanSquaredError(predicted: predicted, observed: observed)
                values[metric, default: []].append(UserValue(user: task.user, value: value))
            }
        }
        return values
    }

    private func isRelevant(_ interaction: Interaction) -> Bool {
        !dataset.feedback.hasRatings || interaction.value >= config.relevanceThreshold
    }

    private static func cutoff(_ metric: Metric) -> Int {
        switch metric {
        case let .ndcg(k), let .hitRate(k): return k
        case .mae, .rmse: return 0
        }
    }

    private static func rankingValue(_ metric: Metric, hits: [Bool], relevantCount: Int) -> Double {
        switch metric {
        case let .ndcg(k): return RankingMetrics.ndcg(hits: hits, relevantCount: relevantCount, k: k)
        case let .hitRate(k): return RankingMetrics.hitRate(hits: hits, k: k)
        case .mae, .rmse: return 0
        }
    }
}
