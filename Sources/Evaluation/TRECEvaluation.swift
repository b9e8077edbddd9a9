import RecData

/// Scores TREC-style runs of models trained elsewhere against TREC qrels with the
/// toolkit's metrics and statistics, so that an outside model is measured exactly like ours.
///
/// Conventions:
/// - **Evaluated users** are the qrels users with at least one relevant (positive) grade;
///   users judged without any relevant item are skipped and counted in ``warnings``.
/// - **Users absent from a run** score 0 on every per-user metric (as if nothing was
///   retrieved for them) and are counted in ``warnings``; they have no list for the
///   list-level metrics, which cover the evaluated users the run ranked (n = those).
/// - **Users in a run but not in the qrels** are an error naming the run file and line.
/// - Unretrieved relevant items count for recall and the ideal DCG, never as hits, and
///   sit below every retrieved item for AUC, whose non-relevant items are the retrieved ones.
/// - **Items** for coverage and Gini are every item named in the qrels or any run.
/// - Per-user metrics get a seeded percentile bootstrap interval, list-level metrics a
///   jackknife interval; every other run is compared with the reference run by the paired
///   tests of ``PairedComparison``, Holm-corrected over all comparisons.
public struct TRECEvaluation: Sendable {
    /// The protocol name of the measurements.
    public static let protocolName = "trec"

    /// The runs' tags, in the order given.
    public let runs: [String]
    /// The reference run of the paired tests.
    public let reference: String
    /// Each run's measurements (segment `all`, no K), by tag.
    public let measurements: [String: [Measurement]]
    /// Each other run against the reference, for every per-user metric.
    public let comparisons: [PairedComparison]
    /// The user ids the per-user values carry, by TREC user name.
    public let userIDs: [String: UserID]
    /// Counted departures from the happy path: skipped users, users absent from a run.
    public let warnings: [String]

    /// Why `metric` cannot be computed from TREC files, or `nil` when it can.
    public static func unsupportedReason(_ metric: Metric) -> String? {
        switch metric.family {
        case .rankingAccuracy, .listLevel: return nil
        case .ratingAccuracy: return "TREC runs carry ranking scores, not rating predictions"
        case .beyondAccuracy: return "TREC files carry neither item popularity nor item features"
        case .oracleRelative: return "TREC files have no oracle; oracle metrics need a simulated world"
        case .modelSize, .cost: return "TREC files carry no model"
        }
    }

    /// Evaluates `runs` (at least one) against `qrels`.
    ///
    /// - Parameters:
    ///   - qrels: the relevance judgments.
    ///   - runs: the runs to evaluate, each under its own tag.
    ///   - metrics: the ranking metrics to compute.
    ///   - reference: the tag of the reference run; `nil` for the first run.
    ///   - resamples: bootstrap resamples per interval.
    ///   - random: the source of the bootstrap streams.
    /// - Throws: ``EvaluationError`` for an unsupported metric or unknown reference,
    ///   `DataImportError` for two runs with one tag or a run user without judgments.
    public init(
        qrels: TRECQrels, runs: [TRECRun], metrics: [Metric], reference: String?, resamples: Int, random: RandomSource
    ) throws {
        for metric in metrics {
            if let reason = Self.unsupportedReason(metric) {
                throw EvaluationError.unsupportedMetric(name: metric.description, reason: reason)
            }
        }
        precondition(!runs.isEmpty, "evaluate at least one run")
        let tags = try Self.checkedTags(runs)
        let reference = reference ?? tags[0]
        guard tags.contains(reference) else { throw EvaluationError.unknownReference(name: reference, available: tags) }
        try Self.checkUsers(runs, qrels: qrels)
        let userIDs = Self.userIDs(qrels.users)
        let evaluated = qrels.users.filter { qrels.judgments[$0, default: [:]].values.contains { $0 > 0 } }
            .sorted { (userIDs[$0] ?? UserID(0)) < (userIDs[$1] ?? UserID(0)) }
        var warnings = [String]()
        let skipped = qrels.users.count - evaluated.count
        if skipped > 0 {
            warnings.append(
                "\(qrels.file): \(skipped) of \(qrels.users.count) users have no relevant item and are not evaluated")
        }
        let scorer = RunScorer(
            qrels: qrels, evaluated: evaluated, userIDs: userIDs, metrics: metrics, resamples: resamples,
            random: random, runs: runs)
        var measurements = [String: [Measurement]]()
        for run in runs {
            let absent = evaluated.filter { run.rankings[$0] == nil }.count
            if absent > 0 {
                warnings.append(
                    "\(run.file): \(absent) of \(evaluated.count) evaluated users are absent from run '\(run.tag)' and score 0"
                )
            }
            measurements[run.tag] = scorer.measurements(of: run)
        }
        self.runs = tags
        self.reference = reference
        self.measurements = measurements
        self.userIDs = userIDs
        self.warnings = warnings
        self.comparisons = PairedComparison.compare(
            tags.filter { $0 != reference }.flatMap { tag in
                metrics.filter(\.isPerUser).compactMap { metric -> PairedComparison.Request? in
                    let values = { (run: String) in measurements[run]?.first { $0.metric == metric }?.perUser ?? [] }
                    return PairedComparison.Request(
                        figure: metric.description, model: tag, modelValues: values(tag), reference: reference,
                        referenceValues: values(reference)
                    )
                }
            })
    }

    // MARK: - Checks

    private static func checkedTags(_ runs: [TRECRun]) throws -> [String] {
        var files = [String: String]()
        for run in runs {
            if let other = files[run.tag] {
                throw DataImportError(
                    file: run.file,
                    message: "run tag '\(run.tag)' is also the tag of \(other); tags name runs and must differ")
            }
            files[run.tag] = run.file
        }
        return runs.map(\.tag)
    }

    private static func checkUsers(_ runs: [TRECRun], qrels: TRECQrels) throws {
        for run in runs {
            let unjudged = run.rankings.keys.filter { qrels.judgments[$0] == nil }
            guard let first = unjudged.min(by: { (run.firstLines[$0] ?? 0) < (run.firstLines[$1] ?? 0) }) else {
                continue
            }
            throw DataImportError(
                file: run.file, line: run.firstLines[first],
                message: "user '\(first)' is not in \(qrels.file); every ranked user needs judgments "
                    + "(\(unjudged.count) of \(run.rankings.count) ranked users have none)"
            )
        }
    }

    /// TREC user names as user ids: the numbers themselves when every name is a 32-bit
    /// unsigned integer, else positions in sorted name order.
    private static func userIDs(_ users: [String]) -> [String: UserID] {
        let numeric = users.compactMap { UInt32($0) }
        if numeric.count == users.count, Set(numeric).count == users.count {
            return Dictionary(uniqueKeysWithValues: zip(users, numeric.map(UserID.init)))
        }
        return Dictionary(uniqueKeysWithValues: users.sorted().enumerated().map { ($1, UserID(index: $0)) })
    }
}

/// Computes one run's measurements over the evaluated users.
private struct RunScorer {
    let qrels: TRECQrels
    let evaluated: [String]
    let userIDs: [String: UserID]
    let metrics: [Metric]
    let resamples: Int
    let random: RandomSource
    /// Every item named in the qrels or a run, as dense ids.
    let itemIDs: [String: ItemID]

    init(
        qrels: TRECQrels, evaluated: [String], userIDs: [String: UserID], metrics: [Metric], resamples: Int,
        random: RandomSource, runs: [TRECRun]
    ) {
        self.qrels = qrels
        self.evaluated = evaluated
        self.userIDs = userIDs
        self.metrics = metrics
        self.resamples = resamples
        self.random = random
        let items = Set(qrels.judgments.values.flatMap(\.keys)).union(runs.flatMap(\.items))
        self.itemIDs = Dictionary(uniqueKeysWithValues: items.sorted().enumerated().map { ($1, ItemID(index: $0)) })
    }

    func measurements(of run: TRECRun) -> [Measurement] {
        let relevance = evaluated.map { user in
            RankedRelevance(ranking: run.rankings[user] ?? [], grades: qrels.judgments[user] ?? [:])
        }
        let lists = evaluated.compactMap { run.rankings[$0]?.compactMap { itemIDs[$0] } }
        return metrics.compactMap { metric in
            metric.isPerUser ? perUser(metric, run: run, relevance: relevance) : listLevel(metric, lists: lists)
        }
    }

    private func perUser(_ metric: Metric, run: TRECRun, relevance: [RankedRelevance]) -> Measurement? {
        let values = zip(evaluated, relevance).compactMap { user, ranked in
            RankingAccuracy.value(of: metric, for: ranked).map {
                UserValue(user: userIDs[user] ?? UserID(0), value: $0)
            }
        }
        return Measurement.averaging(
            values, metric: metric, protocolName: TRECEvaluation.protocolName, segment: UserSegments.all, shots: nil,
            window: nil,
            resamples: resamples, random: random.stream("bootstrap/\(run.tag)/\(metric)")
        )
    }

    private func listLevel(_ metric: Metric, lists: [[ItemID]]) -> Measurement? {
        Measurement.listLevel(
            lists, catalogSize: itemIDs.count, metric: metric, protocolName: TRECEvaluation.protocolName,
            segment: UserSegments.all, shots: nil, window: nil
        )
    }
}
