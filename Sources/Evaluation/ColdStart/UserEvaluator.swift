import RecData
import Recommenders

/// Measures one personalized model on one user's task: ranks the candidates, grades the
/// relevant query items and computes every requested per-user metric.
struct UserEvaluator: Sendable {
    let dataset: Dataset
    let config: ColdStartConfig
    /// The items ranked, less each user's support items: the whole catalog, or a partition's item kind.
    let catalog: [ItemID]
    /// The sampled rankings measured beside the full one.
    let sampledRankings: [SampledRanking]
    let metrics: [Metric]
    let popularity: ItemPopularity
    let features: ItemFeatureVectors
    let oracleUtility: ColdStartOracle?
    /// When items can be recommended; candidates are the items alive when the user is served.
    let lifespans: ItemLifespans?
    /// The source of sampled negatives, shared by every model so that they rank the same items.
    let negatives: RandomSource
    /// Metrics computed from the ranks of relevant items.
    private let rankingMetrics: [Metric]
    /// How many of the best candidates the metrics that read the top list need.
    private let listDepth: Int
    /// The users' K-invariant oracle figures, kept across the support sizes of this evaluator's run.
    private let oracleSummaries = OracleSummaries()

    init(
        dataset: Dataset, config: ColdStartConfig, catalog: [ItemID], sampledRankings: [SampledRanking],
        metrics: [Metric],
        popularity: ItemPopularity, features: ItemFeatureVectors, oracleUtility: ColdStartOracle?,
        lifespans: ItemLifespans?, negatives: RandomSource
    ) {
        self.dataset = dataset
        self.config = config
        self.catalog = catalog
        self.sampledRankings = sampledRankings
        self.metrics = metrics
        self.popularity = popularity
        self.features = features
        self.oracleUtility = oracleUtility
        self.lifespans = lifespans
        self.negatives = negatives
        self.rankingMetrics = metrics.filter { $0.family == .rankingAccuracy }
        let listFamilies: Set<MetricFamily> = [.beyondAccuracy, .listLevel, .oracleRelative]
        self.listDepth = metrics.filter { listFamilies.contains($0.family) }.compactMap(\.cutoff).max() ?? 0
    }

    /// Measures `personalized` on `task`, ranking the catalog less `consumed`: the user's
    /// interactions before the query (the support block of the largest K), the same at every
    /// K, so that the candidates do not change with the support size.
    func evaluate(_ task: UserTask, consumed: [Interaction], model: String, personalized: any Personalized) throws
        -> UserOutcome
    {
        var outcome = UserOutcome(user: task.user)
        let servedAt = task.servedAt
        let excluded = consumed + task.support
        let (candidates, isCandidate) = candidates(excluding: excluded, at: servedAt)
        let grades = relevanceGrades(task.query, isCandidate: isCandidate)
        if !rankingMetrics.isEmpty || listDepth > 0 {
            let started = ContinuousClock.now
            let scores = try scores(
                of: personalized, model: model, user: task.user, candidates: candidates, at: servedAt)
            outcome.scoringSeconds = AdaptationCost.seconds(since: started)
            guard scores.count == candidates.count else {
                throw EvaluationError.wrongScoreCount(model: model, expected: candidates.count, received: scores.count)
            }
            if !grades.isEmpty {
                let relevance = RankedRelevance(candidates: candidates, scores: scores, grades: grades)
                for metric in rankingMetrics {
                    outcome.values[metric] = RankingAccuracy.value(of: metric, for: relevance)
                }
                for sampling in sampledRankings {
                    outcome.sampled[sampling] = sampledValues(
                        sampling, task: task, consumed: consumed, candidates: candidates, scores: scores,
                        grades: grades, servedAt: servedAt
                    )
                }
            }
            if listDepth > 0 {
                let positions = TopList.bestPositions(listDepth, of: candidates, scores: scores)
                outcome.topList = positions.map { candidates[$0] }
                listValues(
                    into: &outcome, positions: positions, candidates: candidates, excluded: excluded, servedAt: servedAt
                )
            }
        }
        try ratingValues(into: &outcome, task: task, model: model, personalized: personalized)
        return outcome
    }

    /// The model's scores of `candidates`; the oracle's are the true utilities at `time`.
    private func scores(
        of personalized: any Personalized, model: String, user: UserID, candidates: [ItemID], at time: Int64
    ) throws -> [Float] {
        guard personalized is OracleRanking else { return personalized.scores(for: candidates) }
        guard let oracleUtility else { throw EvaluationError.noOracle(model: model) }
        return oracleUtility(user, candidates, time).map(Float.init)
    }

    /// Every item of ``catalog`` not among `support` and, when items have lifespans,
    /// alive at `time`, in catalog order, and the same as a mask over the item ids (which
    /// avoids hashing each of them).
    private func candidates(excluding support: [Interaction], at time: Int64) -> (items: [ItemID], mask: [Bool]) {
        var mask = [Bool](repeating: false, count: dataset.itemCount)
        if let lifespans {
            for item in catalog where lifespans.isAlive(item, at: time) { mask[item.index] = true }
        } else {
            for item in catalog { mask[item.index] = true }
        }
        for interaction in support { mask[interaction.item.index] = false }
        var items = [ItemID]()
        items.reserveCapacity(catalog.count)
        for item in catalog where mask[item.index] { items.append(item) }
        return (items, mask)
    }

    // MARK: - Relevance

    /// Grades of the relevant query items that are candidates (not consumed before the query and,
    /// with lifespans, alive when the user is served).
    private func relevanceGrades(_ query: [Interaction], isCandidate: [Bool]) -> [ItemID: Double] {
        var grades = [ItemID: Double](minimumCapacity: query.count)
        for interaction in query where isCandidate[interaction.item.index] {
            let grade = config.relevance.grade(
                interaction.value, threshold: config.relevanceThreshold, feedback: dataset.feedback)
            if grade > 0 { Self.raise(&grades[interaction.item, default: 0], to: grade) }
        }
        return grades
    }

    /// Sets `grade` (an item's grade so far, 0 when none) to `max(grade, new)`: in place,
    /// so the item is hashed once.
    private static func raise(_ grade: inout Double, to new: Double) {
        grade = max(grade, new)
    }

    // MARK: - Sampled rankings

    private func sampledValues(
        _ sampling: SampledRanking, task: UserTask, consumed: [Interaction], candidates: [ItemID], scores: [Float],
        grades: [ItemID: Double], servedAt: Int64
    ) -> [Metric: Double] {
        let sampledItems: [ItemID]
        switch sampling {
        case .querySet:
            sampledItems = Array(Set(task.query.map(\.item)).intersection(candidates)).sorted()
        case let .negatives(count):
            let history = Set((consumed + task.support + task.query).map(\.item))
            var pool = dataset.allItems.filter {
                !history.contains($0) && lifespans?.isAlive($0, at: servedAt) != false
            }
            var random = negatives.stream(UInt64(task.user.rawValue))
            let drawn = min(count, pool.count)
            for index in 0..<drawn {
                pool.swapAt(index, index + random.nextIndex(below: pool.count - index))
            }
            sampledItems = (Array(grades.keys) + pool.prefix(drawn)).sorted()
        }
        let position = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })
        let scored = sampledItems.compactMap { item in position[item].map { (item, scores[$0]) } }
        let relevance = RankedRelevance(candidates: scored.map(\.0), scores: scored.map(\.1), grades: grades)
        var values = [Metric: Double]()
        for metric in rankingMetrics {
            values[metric] = RankingAccuracy.value(of: metric, for: relevance)
        }
        return values
    }

    // MARK: - Top-list metrics

    private func listValues(
        into outcome: inout UserOutcome, positions: [Int], candidates: [ItemID], excluded: [Interaction],
        servedAt: Int64
    ) {
        let oracle = oracleUtility.map { utility in
            topListOracle(
                utility, user: outcome.user, positions: positions, candidates: candidates, excluded: excluded,
                at: servedAt)
        }
        // The oracle's utilities are those of the top list, in its order.
        let recommended = Array(positions.indices)
        for metric in metrics {
            switch metric {
            case let .novelty(k):
                outcome.values[metric] = Novelty.value(outcome.topList, k: k, popularity: popularity)
            case let .intraListDiversity(k):
                outcome.values[metric] = IntraListDiversity.value(outcome.topList, k: k, features: features)
            case let .oracleNDCG(k):
                outcome.values[metric] = oracle.map { OracleRelative.ndcg(recommended: recommended, oracle: $0, k: k) }
            case let .oracleShare(k):
                outcome.values[metric] = oracle.map {
                    OracleRelative.utilityShare(recommended: recommended, oracle: $0, k: k)
                }
            case let .regret(k):
                outcome.values[metric] = oracle.map {
                    OracleRelative.regret(recommended: recommended, oracle: $0, k: k)
                }
            default:
                continue
            }
        }
    }

    /// The oracle's utilities of the top list's items (the candidates at `positions`), with
    /// the lowest utility and the best list of all candidates: every candidate's utility is
    /// computed at the first support size that asks, only the top list's at the others
    /// (``OracleSummaries``); the figures are the same either way, to the bit.
    private func topListOracle(
        _ utility: ColdStartOracle, user: UserID, positions: [Int], candidates: [ItemID], excluded: [Interaction],
        at time: Int64
    ) -> OracleUtilities {
        let key = OracleSummaries.Key(user: user, time: time, excluded: excluded)
        if let summary = oracleSummaries.summary(for: key) {
            return OracleUtilities(
                utilities: utility(user, positions.map { candidates[$0] }, time), minimum: summary.minimum,
                best: summary.best)
        }
        let all = OracleUtilities(utility(user, candidates, time), depth: listDepth)
        oracleSummaries.store(all, for: key)
        return OracleUtilities(utilities: positions.map { all.utilities[$0] }, minimum: all.minimum, best: all.best)
    }

    // MARK: - Ratings

    private func ratingValues(
        into outcome: inout UserOutcome, task: UserTask, model: String, personalized: any Personalized
    ) throws {
        let ratingMetrics = dataset.feedback.hasRatings ? metrics.filter { $0.family == .ratingAccuracy } : []
        guard !ratingMetrics.isEmpty, !task.query.isEmpty,
            let predicted = personalized.predictedRatings(for: task.query.map(\.item))
        else { return }
        guard predicted.count == task.query.count else {
            throw EvaluationError.wrongRatingCount(model: model, expected: task.query.count, received: predicted.count)
        }
        let observed = task.query.map(\.value)
        for metric in ratingMetrics {
            outcome.values[metric] =
                metric == .mae
                ? RatingMetrics.meanAbsoluteError(predicted: predicted, observed: observed)
                : RatingMetrics.rootMeanSquaredError(predicted: predicted, observed: observed)
        }
    }
}
